import { createSandbox } from '../../sandbox/server';
import type { DuplicateExternalReference, Sandbox } from '../../sandbox/server';

/** The sandbox switches the Skip Already Sent tests rely on. */
describe('sandbox: repeated external_reference, answers lost after applying, a log that explains the levels', () => {
	let sandbox: Sandbox;
	let baseUrl: string;
	let shopUrl: string;

	const v1 = () => `${baseUrl}/api/v1/public/orgs/org1/order-requests`;
	const post = async (url: string, body: unknown) => {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', apikey: sandbox.options.apiKey },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const envelope = (ref: string, shop?: string) => ({
		external_reference: ref,
		payload: { ...(shop ? { shop_id: shop } : {}), customer_email: 'max@example.com', items: [{ name: 'A', quantity: 1 }] },
	});
	const stored = (ref: string) => [...sandbox.state.orderRequests.values()].filter((request) => request.external_reference === ref);

	beforeAll(async () => {
		sandbox = createSandbox({ orderCount: 1 });
		({ baseUrl, shopUrl } = await sandbox.start());
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.clearFaults());

	test.each<[DuplicateExternalReference, number, number]>([
		['create', 200, 2],
		['return', 200, 1],
		['reject', 409, 1],
	])('"%s": the repeat is answered %s and %s request(s) are stored', async (mode, status, count) => {
		sandbox.setDuplicateExternalReference(mode);
		const ref = `REF-${mode}`;
		const first = await post(v1(), envelope(ref, 'shop1'));
		const repeat = await post(v1(), envelope(ref, 'shop1'));
		expect(repeat.status).toBe(status);
		expect(stored(ref)).toHaveLength(count);
		if (mode === 'return') expect(repeat.body.id).toBe(first.body.id);
		if (mode === 'reject') expect(repeat.body.error).toBe('duplicate_external_reference');
		const otherShop = await post(v1(), envelope(ref, 'shop2'));
		expect(otherShop.status).toBe(200);
		const connector = await post(`${shopUrl}/api/v1/external-order`, envelope(`${ref}-c`));
		const connectorRepeat = await post(`${shopUrl}/api/v1/external-order`, envelope(`${ref}-c`));
		expect([connector.status, connectorRepeat.status]).toEqual([200, status]);
	});

	test('an unknown mode is refused', () => {
		expect(() => sandbox.setDuplicateExternalReference('ignore' as DuplicateExternalReference)).toThrow(/must be one of/);
	});

	test('failAfterApplying: the write is stored, then answered 502 or its connection dropped; reads are not affected', async () => {
		sandbox.setDuplicateExternalReference('create');
		sandbox.setFaults({ failAfterApplying: { count: 2, status: 502 } });
		const lost = await post(v1(), envelope('LOST-1', 'shop1'));
		expect(lost.status).toBe(502);
		expect(stored('LOST-1')).toHaveLength(1);
		sandbox.setFaults({ failAfterApplying: { count: 1, drop: true } });
		await expect(post(v1(), envelope('LOST-2', 'shop1'))).rejects.toThrow();
		expect(stored('LOST-2')).toHaveLength(1);
		expect((await post(v1(), envelope('LOST-3', 'shop1'))).status).toBe(200);
	});

	test('every seeded inventory row is explained by its log (on hand and incoming)', () => {
		const rows = [...sandbox.state.inventory.values()] as Array<{ stockquantity: number; incoming: number; log: Array<Record<string, number>> }>;
		expect(rows.some((row) => row.incoming > 0)).toBe(true);
		for (const row of rows) {
			const sum = (field: string) => row.log.reduce((total, entry) => total + entry[field], 0);
			expect([sum('delta_on_hand'), sum('delta_incoming')]).toEqual([row.stockquantity, row.incoming]);
		}
	});
});
