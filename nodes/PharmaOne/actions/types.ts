import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { PharmaOneClient } from '../../shared/client';
import type { Route } from '../../shared/routes';

/** What one route's operation file exports. */
export interface OperationModule {
	/** The option shown in the Operation list (name, value, action, description). */
	option: INodePropertyOptions & { action: string };
	/** Its own fields, already limited to its resource and operation. */
	description: INodeProperties[];
	/** Routes it may call: a test checks every route of the table is reachable. */
	routes: readonly Route[];
	/** Items in flight under automatic Parallel Requests, when not decided by whether its routes are safe to repeat. */
	automaticParallel?: number;
	/** One item in, one object or a list of rows out, through the execution's client. No loop, no try/catch. */
	execute(this: IExecuteFunctions, itemIndex: number, client: PharmaOneClient): Promise<IDataObject | IDataObject[]>;
}

export type ResourceOperations = Record<string, OperationModule>;
