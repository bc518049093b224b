import type { ResourceOperations } from '../types';
import { getPharmaOneFees } from './getPharmaOneFees.operation';
import { getProductPerformance } from './getProductPerformance.operation';
import { getProductSales } from './getProductSales.operation';
import { getStats } from './getStats.operation';

/** The operations of this resource, each under the name saved in workflows (the Operation value). */
export const reportOperations = { getStats, getProductPerformance, getProductSales, getPharmaOneFees } satisfies ResourceOperations;
