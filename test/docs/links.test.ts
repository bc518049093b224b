import { brokenReason, localLinks, markdownPages, slug } from '../harness/markdownLinks';

describe('links in README.md and docs/*.md', () => {
	const pages = markdownPages();

	it.each(pages)('every relative link and #anchor of %s resolves', (page) => {
		const broken = localLinks(page)
			.map((link) => ({ link, reason: brokenReason(link) }))
			.filter(({ reason }) => reason)
			.map(({ link, reason }) => `${link.page}:${link.line} (${link.target}): ${reason}`);
		expect(broken).toEqual([]);
	});

	it('finds what does not resolve: missing files, headings and pictures; not external links or code', () => {
		const page = 'test/fixtures/links/page.md';
		const links = localLinks(page);
		expect(links.map((link) => link.target)).toEqual([
			'other.md',
			'#install-from-a-tarball',
			'#install-from-a-tarball-1',
			'#custom-id',
			'other.md#webhook-vs-poll-when-to-use-which',
			'missing.md',
			'#not-a-heading',
			'missing.png',
			'other.md#install-from-a-tarball',
			'other.md#nowhere',
		]);
		expect(links.map((link) => brokenReason(link)).filter(Boolean)).toEqual([
			'test/fixtures/links/missing.md does not exist',
			'test/fixtures/links/page.md has no heading or id "#not-a-heading"',
			'test/fixtures/links/missing.png does not exist',
			'test/fixtures/links/other.md has no heading or id "#install-from-a-tarball"',
			'test/fixtures/links/other.md has no heading or id "#nowhere"',
		]);
	});

	it("makes anchors the way GitHub does (lowercase, punctuation dropped, spaces to hyphens)", () => {
		expect(slug('Install from a tarball')).toBe('install-from-a-tarball');
		expect(slug('Webhook vs. poll: when to use which?')).toBe('webhook-vs-poll-when-to-use-which');
		expect(slug('`npm run demo` (Linux, macOS, Windows)')).toBe('npm-run-demo-linux-macos-windows');
		expect(slug('[Credentials](#credentials) & API keys')).toBe('credentials--api-keys');
	});
});
