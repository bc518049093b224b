'use strict';

// Turns the measurements into the Markdown table (ratios, targets, PASS/MISS), the .json record and a bar
// chart of the ratios (SVG rendered to PNG with rsvg-convert from Debian's librsvg2-bin, no npm dependency).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { median } = require('./measure');

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ms = (value) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : 'n/a');

/** Median of the ratios of paired runs (measured back to back), so a slow minute affects both sides. */
function pairedRatio(ours, theirs) {
	const pairs = ours.map((value, i) => value / theirs[i]).filter(Number.isFinite);
	return median(pairs);
}

const VARIANT_LABELS = {
	http: 'HTTP Request recipe (n8n defaults: all items at once)',
	oursDefault: 'PharmaOne, default (automatic)',
	ours16: 'PharmaOne, Parallel Requests 16',
	ours32: 'PharmaOne, Parallel Requests 32',
	ours64: 'PharmaOne, Parallel Requests 64',
	ours128: 'PharmaOne, Parallel Requests 128',
	ours256: 'PharmaOne, Parallel Requests 256',
	fetch1: 'plain fetch loop, sequential',
	fetch16: 'plain fetch loop, 16 at a time',
	oursSeq: 'PharmaOne, Parallel Requests 1',
	httpLoop: 'HTTP Request node in Loop Over Items',
};
const SETTINGS = { ours16: 16, ours32: 32, ours64: 64, ours128: 128, ours256: 256, oursSeq: 1 };
let items = 1000;

const perItem = (values) => median(values) / items;

/** The best PharmaOne setting at a latency: the lowest median node time. */
function bestSetting(v) {
	return ['oursDefault', 'ours16', 'ours32', 'ours64', 'ours128', 'ours256'].filter((key) => v[key]?.nodeMs).sort((a, b) => median(v[a].nodeMs) - median(v[b].nodeMs))[0];
}

/** The rows of the target table: { figure, measured, ratio, target, ok (true/false/undefined), chart, limit }. */
function rows(r) {
	items = r.items ?? 1000;
	SETTINGS.oursDefault = r.automaticParallel ?? 32;
	VARIANT_LABELS.oursDefault = `PharmaOne, default (automatic: ${SETTINGS.oursDefault} at a time)`;
	const out = [];
	const v20 = r.getOrder?.['20'];
	if (v20?.http && v20.oursDefault) {
		const ratio = pairedRatio(v20.oursDefault.nodeMs, v20.http.nodeMs);
		out.push({
			figure: `Get Order ×${items.toLocaleString('en-US')} at 20 ms, default settings ÷ HTTP Request recipe (n8n defaults)`,
			measured: `${ms(median(v20.oursDefault.nodeMs))} vs ${ms(median(v20.http.nodeMs))}`,
			ratio, target: '≤ 1.00', ok: ratio <= 1, chart: 'Get Order 20 ms, default', limit: 1,
		});
		const best = bestSetting(v20);
		const bestRatio = pairedRatio(v20[best].nodeMs, v20.http.nodeMs);
		const maxInFlight = Math.max(...v20[best].maxInFlight);
		out.push({
			figure: `Same at the best setting (${VARIANT_LABELS[best]}), never more in flight than the setting`,
			measured: `${ms(median(v20[best].nodeMs))} vs ${ms(median(v20.http.nodeMs))}; at most ${maxInFlight} in flight`,
			ratio: bestRatio, target: '≤ 0.75', ok: bestRatio <= 0.75 && maxInFlight <= SETTINGS[best],
			chart: 'Get Order 20 ms, best setting', limit: 0.75,
		});
	}
	const one = r.oneAtATime;
	if (one?.oursSeq && one.httpLoop) {
		const ratio = pairedRatio(one.oursSeq.nodeMs, one.httpLoop.nodeMs);
		out.push({
			figure: 'Per item at 0 ms, one at a time: Parallel Requests 1 ÷ HTTP Request node in Loop Over Items, node time',
			measured: `${fmt(perItem(one.oursSeq.nodeMs))} vs ${fmt(perItem(one.httpLoop.nodeMs))} ms per item`,
			ratio, target: '≤ 0.50', ok: ratio <= 0.5, chart: 'One at a time, time', limit: 0.5,
		});
		const cpuRatio = pairedRatio(one.oursSeq.cpuMs, one.httpLoop.cpuMs);
		out.push({
			figure: 'Same, n8n CPU per item (whole execution)',
			measured: `${fmt(perItem(one.oursSeq.cpuMs))} vs ${fmt(perItem(one.httpLoop.cpuMs))} ms per item`,
			ratio: cpuRatio, target: '≤ 0.50', ok: cpuRatio <= 0.5, chart: 'One at a time, CPU', limit: 0.5,
		});
	}
	const profiled = r.profile?.oursSeq?.perItemMs;
	if (profiled) {
		out.push({
			figure: 'Our own code per item in the CPU profile (one at a time, 0 ms)',
			measured: `${fmt(profiled.ours, 3)} ms`, ratio: undefined, target: '≤ 0.100 ms', ok: profiled.ours <= 0.1,
		});
	}
	if (r.tokens) {
		out.push({
			figure: `Token exchanges, ${r.tokens.executions} executions × ${items.toLocaleString('en-US')} items: ours vs HTTP recipe`,
			measured: `${r.tokens.ours} vs ${r.tokens.http}`, ratio: undefined, target: 'ours = 1', ok: r.tokens.ours === 1,
		});
		const mid = r.tokens.revokedMidRun;
		out.push({
			figure: `Token revoked mid-run (default settings, 20 ms, ${mid.maxInFlight} requests in flight): exchanges`,
			measured: String(mid.exchanges), ratio: undefined, target: '= 1', ok: mid.exchanges === 1,
		});
	}
	if (r.trigger) {
		const ratio = pairedRatio(r.trigger.ours, r.trigger.minimal);
		const cpu = (side) => fmt(median(r.trigger.cpuMs[side]), 0);
		out.push({
			figure: `PharmaOne Trigger ÷ minimal community trigger, signed deliveries accepted per second (${r.trigger.deliveries.toLocaleString('en-US')}, ${r.trigger.concurrency} at a time)`,
			measured: `${fmt(median(r.trigger.ours), 1)}/s vs ${fmt(median(r.trigger.minimal), 1)}/s (n8n CPU ${cpu('ours')} vs ${cpu('minimal')} ms per delivery)`,
			ratio, target: '≥ 0.90', ok: ratio >= 0.9, chart: 'Trigger vs minimal trigger', limit: 0.9,
		});
		const cpuRatio = pairedRatio(r.trigger.cpuMs.minimal, r.trigger.cpuMs.ours);
		out.push({
			figure: 'Same in n8n CPU per delivery (minimal ÷ PharmaOne, so higher is better as above)',
			measured: `${cpu('ours')} vs ${cpu('minimal')} ms per delivery`,
			ratio: cpuRatio, target: '≥ 0.90', ok: cpuRatio >= 0.9, chart: 'Trigger vs minimal, CPU', limit: 0.9,
		});
		const builtin = pairedRatio(r.trigger.ours, r.trigger.builtin);
		out.push({
			figure: "PharmaOne Trigger ÷ n8n's built-in Webhook node, accepted per second",
			measured: `${fmt(median(r.trigger.ours), 1)}/s vs ${fmt(median(r.trigger.builtin), 1)}/s (built-in: ${cpu('builtin')} ms CPU per delivery)`,
			ratio: builtin, target: '—', ok: undefined, chart: 'Trigger vs Webhook node',
		});
	}
	if (r.returnAll) {
		const requests = r.returnAll.requests;
		out.push({
			figure: `Return All over ${r.returnAll.orders.toLocaleString('en-US')} orders: data requests`,
			measured: `${requests.join(', ')} (fetch loop ${r.returnAll.fetchRequests[0]})`,
			ratio: undefined, target: `= ${r.returnAll.expectedRequests}`, ok: requests.every((count) => count === r.returnAll.expectedRequests),
		});
		const ratio = pairedRatio(r.returnAll.oursMs, r.returnAll.fetchMs);
		out.push({
			figure: 'Return All time ÷ plain fetch loop (limit=200)',
			measured: `${ms(median(r.returnAll.oursMs))} vs ${ms(median(r.returnAll.fetchMs))}`,
			ratio, target: '≤ 1.20', ok: ratio <= 1.2, chart: 'Return All vs fetch loop', limit: 1.2,
		});
	}
	if (r.load) {
		out.push({
			figure: `Package load (${r.load.classes} nodes + credentials, median of ${r.load.runs} fresh processes; n8n-workflow itself: ${ms(r.load.n8nWorkflowMs)})`,
			measured: ms(r.load.packageMs), ratio: undefined, target: '< 50 ms', ok: r.load.packageMs < 50,
		});
	}
	if (r.tarball) {
		out.push({
			figure: `Packed tarball (${r.tarball.entryCount} files, ${fmt(r.tarball.unpackedSize / 1024, 0)} kB unpacked)`,
			measured: `${fmt(r.tarball.size / 1024, 1)} kB`, ratio: undefined, target: '—', ok: undefined,
		});
	}
	return out;
}

/** Every Get Order variant: median time, ratio to the recipe, n8n CPU per item, in flight, connections. */
function variantLines(r) {
	const lines = [];
	const sets = [];
	for (const [latency, variants] of Object.entries(r.getOrder ?? {})) sets.push([`${latency} ms`, variants, 'http']);
	if (r.oneAtATime) sets.push(['0 ms, one at a time', r.oneAtATime, 'httpLoop']);
	if (sets.length === 0) return lines;
	lines.push('| Latency | Variant | Time (median) | ÷ baseline | n8n CPU per item | Most in flight | TCP connections per request |', '|---|---|---|---|---|---|---|');
	for (const [label, variants, baseline] of sets) {
		for (const [key, v] of Object.entries(variants)) {
			const ratio = key === baseline ? '1.00 (baseline)' : fmt(pairedRatio(v.nodeMs, variants[baseline].nodeMs));
			const cpu = key.startsWith('fetch') ? `${fmt(perItem(v.cpuMs), 3)} (own process)` : fmt(perItem(v.cpuMs), 3);
			const connections = fmt(median(v.connections.map((c, i) => c / v.requests[i])));
			lines.push(`| ${label} | ${VARIANT_LABELS[key] ?? key} | ${ms(median(v.nodeMs))} | ${ratio} | ${cpu} ms | ${Math.max(...v.maxInFlight)} | ${connections} |`);
		}
	}
	return lines;
}

/** The per-item split of the CPU profiles. */
function profileLines(r) {
	if (!r.profile) return [];
	const lines = [
		"| Profile (ms per item on n8n's main thread) | Expression evaluation | HTTP client | Our code | Garbage collection | Rest of n8n | Unattributed native (V8 \"(program)\") |",
		'|---|---|---|---|---|---|---|',
	];
	for (const [key, { perItemMs: p }] of Object.entries(r.profile)) {
		lines.push(`| ${VARIANT_LABELS[key] ?? key} | ${fmt(p.expression, 3)} | ${fmt(p.http, 3)} | ${fmt(p.ours, 3)} | ${fmt(p.gc, 3)} | ${fmt(p.n8n, 3)} | ${fmt(p.program, 3)} |`);
	}
	return lines;
}

function markdown(r, table) {
	const lines = [
		`# PharmaOne node benchmark, ${r.date}`,
		'',
		`Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memGb} GB, load average at start ${r.machine.loadAvg}` +
			`${r.machine.loadAfterSections ? ` (1-minute load after each section: ${r.machine.loadAfterSections})` : ''}. ` +
			`n8n ${r.machine.n8n} on Node.js ${r.machine.nodeN8n}; benchmark and sandbox on Node.js ${r.machine.nodeBench}. ` +
			`Repeats: ${r.repeats}${r.triggerRepeats !== undefined && r.triggerRepeats !== r.repeats ? ` (trigger: ${r.triggerRepeats})` : ''} ` +
			`(median; ratios are medians of back-to-back pairs). Timing: ${r.method}` +
			`${Object.keys(r.n8nSettings ?? {}).length ? ` n8n settings changed from their defaults: ${Object.entries(r.n8nSettings).map(([k, v]) => `\`${k}=${v}\``).join(', ')}.` : ''}`,
		'',
		'## Targets',
		'',
		'| Figure | Measured | Ratio | Target | Result |',
		'|---|---|---|---|---|',
	];
	for (const row of table) {
		const result = row.ok === undefined ? 'info' : row.ok ? 'PASS' : '**MISS**';
		lines.push(`| ${row.figure} | ${row.measured} | ${row.ratio === undefined ? '—' : fmt(row.ratio)} | ${row.target} | ${result} |`);
	}
	const variants = variantLines(r);
	if (variants.length) lines.push('', `## Get Order ×${items.toLocaleString('en-US')} by variant`, '', ...variants);
	const profile = profileLines(r);
	if (profile.length) lines.push('', '## Where the time goes (CPU profiles, 0 ms latency)', '', ...profile);
	lines.push('', `Total benchmark time: ${Math.round(r.durationS)} s.`, '');
	return lines.join('\n');
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A horizontal bar chart of the ratios with each target as a dashed mark. */
function chartSvg(r, table) {
	const bars = table.filter((row) => row.chart && Number.isFinite(row.ratio));
	const width = 900;
	const left = 260;
	const barH = 26;
	const gap = 14;
	const top = 60;
	const height = top + bars.length * (barH + gap) + 50;
	const maxRatio = Math.max(1.2, ...bars.map((b) => b.ratio), ...bars.map((b) => b.limit ?? 0)) * 1.1;
	const x = (value) => left + (value / maxRatio) * (width - left - 80);
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif" font-size="13">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="20" y="28" font-size="17" font-weight="bold">PharmaOne node vs baseline (ratio; lower is better, except for the trigger rows)</text>`,
		`<text x="20" y="48" fill="#555">${escapeXml(`${r.date} · ${r.machine.cpu}, ${r.machine.cores} cores · n8n ${r.machine.n8n} · dashed: target`)}</text>`,
		`<line x1="${x(1)}" y1="${top - 6}" x2="${x(1)}" y2="${height - 40}" stroke="#999" stroke-width="1"/>`,
		`<text x="${x(1) - 8}" y="${height - 24}" fill="#555">1.0</text>`,
	];
	bars.forEach((bar, i) => {
		const y = top + i * (barH + gap);
		const color = bar.ok === false ? '#d9534f' : bar.ok ? '#2e8b57' : '#4a7ab5';
		parts.push(
			`<text x="${left - 10}" y="${y + 18}" text-anchor="end">${escapeXml(bar.chart)}</text>`,
			`<rect x="${left}" y="${y}" width="${Math.max(1, x(bar.ratio) - left)}" height="${barH}" fill="${color}"/>`,
			`<text x="${x(bar.ratio) + 6}" y="${y + 18}">${fmt(bar.ratio)}</text>`,
		);
		if (bar.limit !== undefined) {
			parts.push(`<line x1="${x(bar.limit)}" y1="${y - 4}" x2="${x(bar.limit)}" y2="${y + barH + 4}" stroke="#000" stroke-width="2" stroke-dasharray="4,3"/>`);
		}
	});
	parts.push('</svg>');
	return parts.join('\n');
}

/** Renders the SVG to PNG with rsvg-convert (or headless chromium); returns the PNG path or a reason. */
function renderPng(svgFile, pngFile) {
	const rsvg = spawnSync('rsvg-convert', ['-f', 'png', '-o', pngFile, svgFile], { timeout: 60000 });
	if (rsvg.status === 0 && fs.existsSync(pngFile)) return { png: pngFile, tool: 'rsvg-convert' };
	for (const chromium of ['chromium', 'chromium-browser']) {
		const shot = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${pngFile}`, '--window-size=900,560', `file://${svgFile}`], { timeout: 60000 });
		if (shot.status === 0 && fs.existsSync(pngFile)) return { png: pngFile, tool: chromium };
	}
	return { reason: `neither rsvg-convert (apt-get install -y librsvg2-bin) nor chromium is installed; kept ${path.basename(svgFile)}` };
}

function machineSlug(cpu, cores) {
	const name = cpu.toLowerCase().replace(/\(r\)|\(tm\)|cpu|processor|@.*$/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
	return `${name || os.hostname()}-${cores}c`;
}

/**
 * Writes bench/results/<date>-<machine>[-label].md/.json and <date>[-label]-chart.png; the chart of a run
 * without a label (n8n's default settings) is copied to docs/ for the README.
 */
function writeResults(root, r) {
	const table = rows(r);
	const dir = path.join(root, 'bench', 'results');
	fs.mkdirSync(dir, { recursive: true });
	const suffix = r.label ? `-${r.label}` : '';
	const base = path.join(dir, `${r.date}-${machineSlug(r.machine.cpu, r.machine.cores)}${suffix}`);
	const chartName = `${r.date}${suffix}-chart`;
	const md = markdown(r, table);
	fs.writeFileSync(`${base}.json`, `${JSON.stringify({ ...r, table }, null, 2)}\n`);
	if (!table.some((row) => row.chart && Number.isFinite(row.ratio))) {
		fs.writeFileSync(`${base}.md`, md);
		return { table, md, files: { md: `${base}.md`, json: `${base}.json`, reason: 'no ratio to chart' } };
	}
	fs.writeFileSync(`${base}.md`, `${md}\n![ratios](${chartName}.png)\n`);
	const svgFile = path.join(dir, `${chartName}.svg`);
	fs.writeFileSync(svgFile, chartSvg(r, table));
	const chart = renderPng(svgFile, path.join(dir, `${chartName}.png`));
	if (chart.png && !r.label) {
		fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
		fs.copyFileSync(chart.png, path.join(root, 'docs', 'bench-chart.png'));
	}
	return { table, md, files: { md: `${base}.md`, json: `${base}.json`, svg: svgFile, ...chart } };
}

module.exports = { writeResults, rows, markdown };
