// 科普 portal: activities per county on an ECharts map (Apache ECharts, vendored under /lib/echarts).
// Progressive enhancement: the bars inside #kp-county-bars stay when there is no JavaScript, no ECharts or no data.
// Reads its URLs from data-* attributes (the CSP allows no inline script); clicking a county opens the filtered list.
(function () {
    async function render() {
        const root = document.getElementById('kp-county-map');
        const el = document.getElementById('kp-county-chart');
        if (!root || !el || !window.echarts || root.dataset.rendered === root.dataset.countsUrl) return;
        try {
            const [geoRes, countsRes] = await Promise.all([
                fetch(root.dataset.geoUrl, { credentials: 'same-origin' }),
                fetch(root.dataset.countsUrl, { credentials: 'same-origin' }),
            ]);
            if (!geoRes.ok || !countsRes.ok) return;
            const geo = await geoRes.json();
            const data = await countsRes.json();
            const names = {};
            const links = {};
            for (const c of data.counties) { names[c.code] = c.name; links[c.code] = c.link; }
            for (const f of geo.features || []) if (f.properties && f.properties.name && !names[f.properties.code]) names[f.properties.code] = f.properties.name;
            window.echarts.registerMap('kexie-counties', geo);
            const max = Math.max(1, ...data.counties.map(c => c.activities));
            el.hidden = false;
            const chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: 'canvas' });
            chart.setOption({
                tooltip: {
                    trigger: 'item',
                    formatter: p => `${names[p.name] || p.name}：${Number.isFinite(p.value) ? p.value : 0} ${root.dataset.unit || ''}`,
                },
                visualMap: { min: 0, max: max, left: 'left', bottom: 0, calculable: true, inRange: { color: ['#e8f0fc', '#2a6fdb'] }, itemHeight: 80 },
                series: [{
                    type: 'map',
                    map: 'kexie-counties',
                    nameProperty: 'code',
                    roam: false,
                    label: { show: true, formatter: p => `${names[p.name] || p.name}\n${Number.isFinite(p.value) ? p.value : 0}` },
                    emphasis: { label: { show: true } },
                    data: data.counties.map(c => ({ name: c.code, value: c.activities })),
                }],
            }, true);
            chart.off('click');
            chart.on('click', p => { if (links[p.name]) window.location.href = links[p.name]; });
            window.addEventListener('resize', () => chart.resize());
            root.dataset.rendered = root.dataset.countsUrl;
            const bars = document.getElementById('kp-county-bars');
            if (bars) bars.hidden = true;
            el.setAttribute('data-map-ready', 'true');
        } catch (e) {
            el.hidden = true; // the bars remain
        }
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render);
    else render();
    // Blazor's enhanced navigation replaces the page without reloading scripts.
    if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', render);
    else document.addEventListener('DOMContentLoaded', () => window.Blazor && window.Blazor.addEventListener && window.Blazor.addEventListener('enhancedload', render));
})();
