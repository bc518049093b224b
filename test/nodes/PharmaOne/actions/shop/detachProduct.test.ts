import detached from '../../../../fixtures/shop/detachProduct.json';
import { shopProductTests } from './helpers';

describe('Shop → detachProduct', () => shopProductTests('detachProduct', 'detach-product', detached));
