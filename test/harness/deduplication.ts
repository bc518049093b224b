import { createHash } from 'crypto';
import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

interface Row {
	mode: string;
	data: string[];
}

/**
 * An in-memory stand-in for the deduplication store n8n's CLI gives n8n-core
 * (`DeduplicationHelper` over the `processed_data` table), in its "entries" mode, with the same
 * semantics: one list of MD5 hashes per workflow and context (`n:<node id>` for scope node, `''`
 * for scope workflow); a call reads the list, then writes it back whole, with no transaction (so
 * two calls at the same time lose one call's keys, like n8n's); the first call inserts the row and
 * a second insert of the same row fails like a primary-key violation; keys repeated within one call
 * are all reported new; `maxEntries` drops the oldest hashes.
 */
export class MemoryDeduplicator implements IDataDeduplicator {
	readonly rows = new Map<string, Row>();

	/** Store calls made, by method. */
	readonly calls = { checkProcessedAndRecord: 0, removeProcessed: 0 };

	/** A call that throws this error instead of answering (then the setting is cleared). */
	failNext: Error | undefined;

	reset() {
		this.rows.clear();
		this.calls.checkProcessedAndRecord = 0;
		this.calls.removeProcessed = 0;
		this.failNext = undefined;
	}

	/** How many keys are remembered for a workflow (and node, for scope node). */
	count(workflowId: string, nodeId?: string): number {
		return this.rows.get(rowKey(workflowId, nodeId === undefined ? '' : `n:${nodeId}`))?.data.length ?? 0;
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		this.calls.checkProcessedAndRecord++;
		const key = this.rowKey(scope, contextData, options);
		const read = await this.read(key);
		const hashes = items.map(hash);
		if (!read) {
			await tick();
			if (this.rows.has(key)) throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
			const data = options.maxEntries ? hashes.slice(-options.maxEntries) : hashes;
			this.rows.set(key, { mode: options.mode, data });
			return { new: items, processed: [] };
		}
		const seen = new Set(read.data);
		const result: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((value, index) => {
			if (seen.has(value)) result.processed.push(items[index]);
			else {
				result.new.push(items[index]);
				read.data.push(value);
			}
		});
		if (options.maxEntries) read.data.splice(0, Math.max(0, read.data.length - options.maxEntries));
		await this.write(key, read);
		return result;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<void> {
		this.calls.removeProcessed++;
		const key = this.rowKey(scope, contextData, options);
		const read = await this.read(key);
		if (!read) return;
		for (const value of items.map(hash)) {
			const index = read.data.indexOf(value);
			if (index !== -1) read.data.splice(index, 1);
		}
		await this.write(key, read);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<void> {
		this.rows.delete(this.rowKey(scope, contextData));
	}

	async getProcessedDataCount(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<number> {
		return this.rows.get(this.rowKey(scope, contextData))?.data.length ?? 0;
	}

	private rowKey(scope: DeduplicationScope, contextData: ICheckProcessedContextData, options?: ICheckProcessedOptions): string {
		if (this.failNext) {
			const error = this.failNext;
			this.failNext = undefined;
			throw error;
		}
		if (!contextData.workflow.id) throw new Error('The expression evaluated to a falsy value: contextData.workflow.id');
		if (options && options.mode !== 'entries') throw new Error(`mode ${options.mode} is not emulated`);
		if (scope === 'node' && !contextData.node) throw new Error("No node information has been provided and so cannot use scope 'node'");
		return rowKey(contextData.workflow.id, scope === 'node' ? `n:${contextData.node?.id}` : '');
	}

	/** A copy of the row, as a database read returns it. */
	private async read(key: string): Promise<Row | undefined> {
		await tick();
		const row = this.rows.get(key);
		if (row && row.mode !== 'entries') {
			throw new Error('Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter.');
		}
		return row ? { mode: row.mode, data: [...row.data] } : undefined;
	}

	private async write(key: string, row: Row): Promise<void> {
		await tick();
		this.rows.set(key, row);
	}
}

const rowKey = (workflowId: string, context: string) => `${workflowId}\u0000${context}`;

const hash = (value: DeduplicationItemTypes) => createHash('md5').update(value.toString()).digest('base64');

/** A database round trip: other calls may run in between. */
const tick = async () => await sleep(0);

/**
 * The store n8n-core's deduplication helpers use in this test file (n8n-core keeps one per
 * process; jest gives each test file its own modules), installed on first use.
 */
export function deduplicationStore(): MemoryDeduplicator {
	try {
		return (DataDeduplicationService.getInstance() as unknown as { deduplicator: MemoryDeduplicator }).deduplicator;
	} catch {
		const store = new MemoryDeduplicator();
		void DataDeduplicationService.init(store);
		return store;
	}
}
