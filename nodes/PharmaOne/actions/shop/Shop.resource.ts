import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { attachProduct } from './attachProduct.operation';
import { detachProduct } from './detachProduct.operation';
import { getAll } from './getAll.operation';
import { setProductOverrides } from './setProductOverrides.operation';

export const shopOperations: ResourceOperations = { getAll, attachProduct, detachProduct, setProductOverrides };

export const shopDescription: INodeProperties[] = operationSelector('shop', shopOperations, 'getAll');
