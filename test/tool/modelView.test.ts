import { RESOURCES } from '../../nodes/PharmaOne/actions/resources';
import type { OperationModule } from '../../nodes/PharmaOne/actions/types';
import { filledParameters, toolAsModelSeesIt } from '../harness/tool';

/*
 * What n8n sends to the model about PharmaOne Tool, for every operation: the tool description and the
 * JSON schema of the parameters the model fills ($fromAI), read through n8n-core's createNodeAsTool and
 * LangChain's OpenAI tool conversion, with the parameters n8n fills in when a user only picks the operation.
 */

const operations = Object.entries(RESOURCES).flatMap(([resource, { operations: ops }]) =>
	Object.entries(ops as Record<string, OperationModule>).map(([operation, module]) => [resource, operation, module] as const),
);

describe.each(operations)('PharmaOne Tool, %s → %s, as the model sees it', (resource, operation, registered) => {
	const tool = toolAsModelSeesIt({ resource, operation }, 'PharmaOne order tool');
	const spec = registered.tool;

	test('has its own description: what it does, what it needs, what it returns', () => {
		expect(spec).toBeDefined();
		expect(tool.name).toBe('PharmaOne_order_tool');
		expect(tool.description).toBe(spec.description);
		expect(tool.description.length).toBeGreaterThan(100);
		expect(tool.description).toMatch(/Needs /);
		expect(tool.description).toMatch(/Returns? |Use it to /);
		expect(tool.description).not.toMatch(/ in PharmaOne$/); // not n8n's automatic one-liner
	});

	test('the schema holds exactly its model arguments, each with a description the model can act on', () => {
		const keys = (spec.args ?? []).map((arg) => arg.key);
		expect(Object.keys(tool.parameters.properties).sort()).toEqual([...keys].sort());
		expect([...(tool.parameters.required ?? [])].sort()).toEqual([...keys].sort());
		for (const arg of spec.args ?? []) {
			const property = tool.parameters.properties[arg.key];
			expect(property.type).toBe(arg.type ?? 'string');
			expect(property.description).toBe(arg.description);
			expect(property.description?.length).toBeGreaterThan(25);
		}
	});
});

describe('formats the model is told', () => {
	const describeKey = (resource: string, operation: string, key: string) =>
		toolAsModelSeesIt({ resource, operation }).parameters.properties[key]?.description ?? '';

	test('order ID with its pattern and a real example; P1 ID as digits; shop and prescription IDs by example', () => {
		expect(describeKey('order', 'get', 'orderId')).toMatch(/ORD_.*YYYYMMDD.*ORD_20260614_8v039dhnrv/);
		expect(describeKey('inventory', 'adjust', 'p1Id')).toMatch(/P1 ID.*whole number.*12345/);
		expect(describeKey('product', 'get', 'shopId')).toContain('shop1');
		expect(describeKey('prescription', 'get', 'prescriptionId')).toContain('org1-pq-CQ3TLK');
		expect(describeKey('report', 'getStats', 'fromDate')).toContain('YYYY-MM-DD');
	});

	test('Update Order Status lists the documented statuses; the descriptions of reads list them too', () => {
		expect(describeKey('order', 'updateStatus', 'status')).toContain('pending, awaiting_packing, ready_pickup');
		expect(toolAsModelSeesIt({ resource: 'order', operation: 'get' }).description).toContain('awaiting_packing');
		expect(toolAsModelSeesIt({ resource: 'prescription', operation: 'getAll' }).description).toContain('pending_signature');
	});

	test('writes that must not repeat say so to the model', () => {
		for (const [resource, operation] of [['inventory', 'adjust'], ['orderRequest', 'create'], ['telemedicineOrder', 'create'], ['product', 'addToInventory']]) {
			expect(toolAsModelSeesIt({ resource, operation }).description).toMatch(/Not idempotent/);
		}
	});

	test('a description the user writes replaces ours; a $fromAI the user writes is what the model gets', () => {
		const tool = toolAsModelSeesIt({
			resource: 'order',
			operation: 'get',
			toolDescription: 'Look up an order',
			orderId: { __rl: true, mode: 'id', value: "={{ $fromAI('Order', '', 'string') }}" },
		});
		expect(tool.description).toBe('Look up an order');
		expect(tool.parameters.properties).toEqual({ Order: { type: 'string' } });
	});
});

describe('outside tool mode nothing changes', () => {
	test.each(operations)('%s → %s: no tool description, no $fromAI default, Limit 50', (resource, operation) => {
		const { parameters } = filledParameters({ resource, operation }, false);
		expect(parameters.toolDescription).toBeUndefined();
		expect(JSON.stringify(parameters)).not.toContain('$fromAI');
		if ('limit' in parameters) expect(parameters.limit).toBe(50);
	});

	test('as a tool, the model-filled fields carry the marker n8n\'s editor shows as "Defined automatically by the model"', () => {
		const { parameters } = filledParameters({ resource: 'order', operation: 'updateStatus' }, true);
		expect((parameters.orderId as { value: string }).value).toMatch(/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('orderId', `PharmaOne order ID/);
		expect(parameters.status).toMatch(/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('status', /);
	});

	test('as a tool, list operations return 10 rows by default', () => {
		expect(filledParameters({ resource: 'order', operation: 'getAll' }, true).parameters.limit).toBe(10);
		expect(filledParameters({ resource: 'prescription', operation: 'getAll' }, true).parameters.limit).toBe(10);
	});
});
