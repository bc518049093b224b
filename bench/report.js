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

/** The rows of the table: [figure, measured, ratio, target, ok (true/false/undefined), chart label]. */
function rows(r) {
	const out = [];
	for (const latency of Object.keys(r.getOrder ?? {})) {
		const v = r.getOrder[latency];
		const http = v.http.nodeMs;
		for (const [key, label, target, limit] of [
			['oursSeq', 'sequential', '≤ 1.00', 1.0],
			['oursPar8', '8 parallel', latency === '20' ? '≤ 0.25' : '—', latency === '20' ? 0.25 : undefined],
		]) {
			const ratio = pairedRatio(v[key].nodeMs, http);
			out.push({
				figure: `Get Order ×1,000, ${latency} ms latency, ours ${label} ÷ HTTP Request recipe`,
				measured: `${ms(median(v[key].nodeMs))} vs ${ms(median(http))}`,
				ratio,
				target,
				ok: limit === undefined ? undefined : ratio <= limit,
				chart: `Get Order ${label}, ${latency} ms`,
				limit,
			});
		}
	}
	if (r.tokens) {
		out.push({
			figure: `Token exchanges, ${r.tokens.executions} executions × 1,000 items: ours ÷ HTTP recipe`,
			measured: `${r.tokens.ours} vs ${r.tokens.http}`,
			ratio: r.tokens.ours / r.tokens.http,
			target: 'ours = 1',
			ok: r.tokens.ours === 1,
			chart: 'Token exchanges',
		});
	}
	if (r.returnAll) {
		const requests = r.returnAll.requests;
		out.push({
			figure: `Return All over ${r.returnAll.orders.toLocaleString('en-US')} orders: data requests`,
			measured: `${requests.join(', ')} (fetch loop ${r.returnAll.fetchRequests[0]})`,
			ratio: undefined,
			target: `= ${r.returnAll.expectedRequests}`,
			ok: requests.every((count) => count === r.returnAll.expectedRequests),
		});
		const ratio = pairedRatio(r.returnAll.oursMs, r.returnAll.fetchMs);
		out.push({
			figure: 'Return All wall time: ours ÷ plain fetch loop (limit=200)',
			measured: `${ms(median(r.returnAll.oursMs))} vs ${ms(median(r.returnAll.fetchMs))}`,
			ratio,
			target: '≤ 1.20',
			ok: ratio <= 1.2,
			chart: 'Return All vs fetch loop',
			limit: 1.2,
		});
	}
	if (r.trigger) {
		const ratio = pairedRatio(r.trigger.ours, r.trigger.builtin);
		out.push({
			figure: `Webhook trigger, ${r.trigger.deliveries.toLocaleString('en-US')} signed deliveries (${r.trigger.concurrency} at a time): ours ÷ built-in Webhook, accepted/s`,
			measured: `${fmt(median(r.trigger.ours), 0)}/s vs ${fmt(median(r.trigger.builtin), 0)}/s`,
			ratio,
			target: '≥ 0.90',
			ok: ratio >= 0.9,
			chart: 'Trigger throughput',
			limit: 0.9,
		});
	}
	if (r.load) {
		out.push({
			figure: `Package load (${r.load.classes} nodes + credentials, median of ${r.load.runs} fresh processes; n8n-workflow itself: ${ms(r.load.n8nWorkflowMs)})`,
			measured: ms(r.load.packageMs),
			ratio: undefined,
			target: '< 50 ms',
			ok: r.load.packageMs < 50,
		});
	}
	if (r.tarball) {
		out.push({
			figure: `Packed tarball (${r.tarball.entryCount} files, ${fmt(r.tarball.unpackedSize / 1024, 0)} kB unpacked)`,
			measured: `${fmt(r.tarball.size / 1024, 1)} kB`,
			ratio: undefined,
			target: '—',
			ok: undefined,
		});
	}
	return out;
}

function markdown(r, table) {
	const lines = [
		`# PharmaOne node benchmark, ${r.date}`,
		'',
		`Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memGb} GB, load average at start ${r.machine.loadAvg}. ` +
			`n8n ${r.machine.n8n} on Node.js ${r.machine.nodeN8n}; benchmark and sandbox on Node.js ${r.machine.nodeBench}. ` +
			`Repeats: ${r.repeats} (median; ratios are medians of back-to-back pairs). Timing: ${r.method}`,
		'',
		'| Figure | Measured | Ratio | Target | Result |',
		'|---|---|---|---|---|',
	];
	for (const row of table) {
		const result = row.ok === undefined ? 'info' : row.ok ? 'PASS' : '**MISS**';
		lines.push(`| ${row.figure} | ${row.measured} | ${row.ratio === undefined ? '—' : fmt(row.ratio)} | ${row.target} | ${result} |`);
	}
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
		`<text x="20" y="28" font-size="17" font-weight="bold">PharmaOne node vs baseline (ratio, lower is better except trigger throughput)</text>`,
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
	return { reason: 'neither rsvg-convert (apt-get install -y librsvg2-bin) nor chromium is installed; kept the SVG' };
}

function machineSlug(cpu, cores) {
	const name = cpu.toLowerCase().replace(/\(r\)|\(tm\)|cpu|processor|@.*$/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
	return `${name || os.hostname()}-${cores}c`;
}

/** Writes bench/results/<date>-<machine>.md/.json and <date>-chart.png, and copies the chart to docs/. */
function writeResults(root, r) {
	const table = rows(r);
	const dir = path.join(root, 'bench', 'results');
	fs.mkdirSync(dir, { recursive: true });
	const base = path.join(dir, `${r.date}-${machineSlug(r.machine.cpu, r.machine.cores)}`);
	const md = markdown(r, table);
	fs.writeFileSync(`${base}.md`, `${md}\n![ratios](${r.date}-chart.png)\n`);
	fs.writeFileSync(`${base}.json`, `${JSON.stringify({ ...r, table }, null, 2)}\n`);
	const svgFile = path.join(dir, `${r.date}-chart.svg`);
	fs.writeFileSync(svgFile, chartSvg(r, table));
	const chart = renderPng(svgFile, path.join(dir, `${r.date}-chart.png`));
	if (chart.png) {
		fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
		fs.copyFileSync(chart.png, path.join(root, 'docs', 'bench-chart.png'));
	}
	return { table, md, files: { md: `${base}.md`, json: `${base}.json`, svg: svgFile, ...chart } };
}

module.exports = { writeResults, rows, markdown };
