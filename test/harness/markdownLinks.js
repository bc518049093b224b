// Reads the links of the repository's Markdown pages (README.md, docs/*.md) for test/docs/links.test.ts:
// every relative link must name a file that exists, and every #anchor a heading (or an HTML id) of its page.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

/** README.md and docs/*.md, relative to the repository root. */
function markdownPages() {
	const docs = fs.existsSync(path.join(ROOT, 'docs')) ? fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort() : [];
	return ['README.md', ...docs.map((file) => `docs/${file}`)];
}

/** The page's lines outside fenced code blocks, with inline code removed: [lineNumber, text]. */
function proseLines(text) {
	const lines = [];
	let fence;
	text.split('\n').forEach((line, index) => {
		const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
		if (marker && (!fence || marker[0] === fence[0])) fence = fence ? undefined : marker;
		else if (!fence) lines.push([index + 1, line.replace(/`+[^`]*`+/g, (code) => (/\]\(|<a |<img /.test(code) ? '' : code))]);
	});
	return lines;
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens. */
function slug(heading) {
	const textOnly = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/[`*]/g, '');
	return textOnly.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** The anchors of a page: its headings (repeated ones get -1, -2, ... as on GitHub) and HTML id/name attributes. */
function anchors(page) {
	const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
	const found = new Set();
	const seen = new Map();
	for (const [, line] of proseLines(text)) {
		const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
		if (heading !== undefined) {
			const base = slug(heading);
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			found.add(count ? `${base}-${count}` : base);
		}
		for (const match of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) found.add(match[1]);
	}
	return found;
}

/** Every link of a page that is not an external URL: { page, line, target }. */
function localLinks(page) {
	const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
	const links = [];
	for (const [line, prose] of proseLines(text)) {
		const targets = [
			...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
			...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/g)].map((m) => m[1]),
			...[...prose.matchAll(/<(?:a|img)\s[^>]*(?:href|src)="([^"]+)"/g)].map((m) => m[1]),
		];
		for (const target of targets) if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ page, line, target });
	}
	return links;
}

/** Why a local link does not resolve, or undefined when it does. */
function brokenReason({ page, target }) {
	const [file, anchor] = target.split('#');
	const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(file))) : page;
	if (resolved.startsWith('..')) return `${resolved} is outside the repository`;
	if (!fs.existsSync(path.join(ROOT, resolved))) return `${resolved} does not exist`;
	if (anchor === undefined) return undefined;
	if (!resolved.endsWith('.md')) return `#${anchor} points into ${resolved}, which is not a Markdown page`;
	return anchors(resolved).has(decodeURIComponent(anchor)) ? undefined : `${resolved} has no heading or id "#${anchor}"`;
}

module.exports = { markdownPages, localLinks, brokenReason, slug };
