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
