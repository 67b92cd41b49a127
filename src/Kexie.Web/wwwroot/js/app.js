// Progressive enhancement only: every page works without this file.

// A running job's page refreshes itself until the job ends.
function watchJob() {
  const el = document.querySelector('[data-job-id]');
  if (!el) return;
  const status = el.getAttribute('data-job-status');
  if (status !== 'Queued' && status !== 'Running') return;
  const id = el.getAttribute('data-job-id');
  const timer = setInterval(async () => {
    const r = await fetch(`/api/v1/jobs/${id}`, { credentials: 'same-origin' });
    if (!r.ok) return;
    const job = await r.json();
    const bar = el.querySelector('.bar');
    if (bar) bar.style.width = `${job.progress}%`;
    const msg = el.querySelector('#job-message');
    if (msg && job.message) msg.textContent = job.message;
    if (job.status !== 'Queued' && job.status !== 'Running') {
      clearInterval(timer);
      location.reload();
    }
  }, 1000);
}

document.addEventListener('DOMContentLoaded', watchJob);
if (window.Blazor) Blazor.addEventListener?.('enhancedload', watchJob);

// Page scripts are not run when Blazor's enhanced navigation swaps a page in: load the 科普 county map's scripts
// (ECharts, then kepu-map.js, which renders and listens for later navigations itself) when its page arrives.
function loadScript(src) {
  return new Promise((resolve, reject) => {
    // Script tags that arrived with an enhanced navigation are inert, so only ours count.
    if (document.querySelector(`script[data-loaded="${src}"]`)) return resolve();
    const s = document.createElement('script');
    s.src = src;
    s.dataset.loaded = src;
    s.onload = resolve;
    s.onerror = reject;
    document.head.appendChild(s);
  });
}

async function countyMap() {
  if (!document.getElementById('kp-county-map') || window.echarts) return;
  try {
    await loadScript('/lib/echarts/echarts.min.js');
    await loadScript('/js/kepu-map.js');
  } catch { /* the bars remain */ }
}

if (window.Blazor) Blazor.addEventListener?.('enhancedload', countyMap);

// Awards entry form pickers: suggestions from the lookup API in the input's datalist; choosing one sets the hidden id.
// Without this script the typed name is resolved on the server (a unique match).
document.addEventListener('input', async (ev) => {
  const input = ev.target;
  if (!(input instanceof HTMLInputElement) || !input.matches('input.aw-pick[data-lookup]')) return;
  const list = document.getElementById(input.getAttribute('list'));
  const hidden = input.parentElement.querySelector('input.aw-pick-id');
  const chosen = list && [...list.options].find((o) => o.value === input.value);
  if (chosen) {
    hidden.value = chosen.dataset.id;
    input.value = chosen.dataset.name;
    const shown = input.parentElement.querySelector('input[name^="d_"]');
    if (shown) shown.value = chosen.dataset.name;
    return;
  }
  if (hidden) hidden.value = '';
  const q = input.value.trim();
  if (!list || q.length < 1) return;
  const r = await fetch(`${input.dataset.lookup}?q=${encodeURIComponent(q)}`, { credentials: 'same-origin' });
  if (!r.ok) return;
  list.replaceChildren(...(await r.json()).map((p) => {
    const o = document.createElement('option');
    o.value = p.display;
    o.dataset.id = p.id;
    o.dataset.name = p.name;
    return o;
  }));
});
