import type { ResourceOperations } from '../types';
import { attachProduct } from './attachProduct.operation';
import { detachProduct } from './detachProduct.operation';
import { getAll } from './getAll.operation';
import { setProductOverrides } from './setProductOverrides.operation';

/** The operations of this resource, each under the name saved in workflows (the Operation value). */
export const shopOperations = { getAll, attachProduct, detachProduct, setProductOverrides } satisfies ResourceOperations;
