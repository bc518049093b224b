#!/usr/bin/env node
'use strict';

// Starts the PharmaOne sandbox from the command line. All printed keys are dummy sandbox values.

const { createSandbox } = require('./server');
const { DEFAULT_BEHAVIOUR, mergeBehaviour } = require('./behaviour');

const USAGE = `Usage: node sandbox/cli.js [options]
  --host HOST          bind address (default 127.0.0.1, env PHARMAONE_SANDBOX_HOST)
  --port N             Manager port (default 8787, env PHARMAONE_SANDBOX_PORT; 0 = random)
  --shop-port N        shop connector port (default 8788, env PHARMAONE_SANDBOX_SHOP_PORT; 0 = random)
  --latency MS         delay every API response (env PHARMAONE_SANDBOX_LATENCY_MS)
  --orders N           number of seeded orders (default 60, env PHARMAONE_SANDBOX_ORDERS)
  --products N         catalogue products (default 40, env PHARMAONE_SANDBOX_PRODUCTS); three in four are in the
                       organization inventory, e.g. 2666 for an inventory of 2,000
  --seed N             data seed (default 1, env PHARMAONE_SANDBOX_SEED)
  --org ID             organization id (default org1, env PHARMAONE_SANDBOX_ORG_ID)
  --webhook-url URL    subscribe URL to all events (repeatable, env PHARMAONE_SANDBOX_WEBHOOK_URLS, comma separated)
  --list-order ORDER   GET /orders and /prescriptions newest first by: updated (default) or created
                       (env PHARMAONE_SANDBOX_LIST_ORDER)
  --upsert-created-at WHAT
                       created_at of an order created by POST /orders: order_datetime (default) or now
                       (env PHARMAONE_SANDBOX_UPSERT_CREATED_AT)
  --adjust-answer WHAT POST /inventory/adjust answers: documented ({status, id}, default) or level (also
                       stockquantity, the new on-hand level) (env PHARMAONE_SANDBOX_ADJUST_ANSWER)
  --duplicate-external-reference MODE
                       a repeated order-request external_reference: create (default), return, reject
                       (env PHARMAONE_SANDBOX_DUPLICATE_EXTERNAL_REFERENCE)
  --help               show this help`;

function parseArgs(argv, env) {
	const num = (value, name) => {
		const n = Number(value);
		if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
		return n;
	};
	const options = {
		host: env.PHARMAONE_SANDBOX_HOST || '127.0.0.1',
		port: num(env.PHARMAONE_SANDBOX_PORT ?? 8787, 'port'),
		shopPort: num(env.PHARMAONE_SANDBOX_SHOP_PORT ?? 8788, 'shop port'),
		webhookUrls: env.PHARMAONE_SANDBOX_WEBHOOK_URLS ? env.PHARMAONE_SANDBOX_WEBHOOK_URLS.split(',').filter(Boolean) : [],
	};
	if (env.PHARMAONE_SANDBOX_LATENCY_MS) options.latencyMs = num(env.PHARMAONE_SANDBOX_LATENCY_MS, 'latency');
	if (env.PHARMAONE_SANDBOX_ORDERS) options.orderCount = num(env.PHARMAONE_SANDBOX_ORDERS, 'orders');
	if (env.PHARMAONE_SANDBOX_PRODUCTS) options.productCount = num(env.PHARMAONE_SANDBOX_PRODUCTS, 'products');
	if (env.PHARMAONE_SANDBOX_ADJUST_ANSWER) options.adjustAnswer = env.PHARMAONE_SANDBOX_ADJUST_ANSWER;
	if (env.PHARMAONE_SANDBOX_SEED) options.seed = num(env.PHARMAONE_SANDBOX_SEED, 'seed');
	if (env.PHARMAONE_SANDBOX_ORG_ID) options.orgId = env.PHARMAONE_SANDBOX_ORG_ID;
	if (env.PHARMAONE_SANDBOX_LIST_ORDER) options.listOrder = env.PHARMAONE_SANDBOX_LIST_ORDER;
	if (env.PHARMAONE_SANDBOX_UPSERT_CREATED_AT) options.upsertCreatedAt = env.PHARMAONE_SANDBOX_UPSERT_CREATED_AT;
	if (env.PHARMAONE_SANDBOX_DUPLICATE_EXTERNAL_REFERENCE) {
		options.duplicateExternalReference = env.PHARMAONE_SANDBOX_DUPLICATE_EXTERNAL_REFERENCE;
	}
	const cliUrls = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = () => {
			if (inline !== undefined) return inline;
			if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
			return argv[++i];
		};
		switch (flag) {
			case '--help':
			case '-h':
				return null;
			case '--host':
				options.host = value();
				break;
			case '--port':
				options.port = num(value(), 'port');
				break;
			case '--shop-port':
				options.shopPort = num(value(), 'shop port');
				break;
			case '--latency':
				options.latencyMs = num(value(), 'latency');
				break;
			case '--orders':
				options.orderCount = num(value(), 'orders');
				break;
			case '--products':
				options.productCount = num(value(), 'products');
				break;
			case '--adjust-answer':
				options.adjustAnswer = value();
				break;
			case '--seed':
				options.seed = num(value(), 'seed');
				break;
			case '--org':
				options.orgId = value();
				break;
			case '--duplicate-external-reference':
				options.duplicateExternalReference = value();
				break;
			case '--webhook-url':
				cliUrls.push(value());
				break;
			case '--list-order':
				options.listOrder = value();
				break;
			case '--upsert-created-at':
				options.upsertCreatedAt = value();
				break;
			default:
				throw new Error(`Unknown option ${arg}`);
		}
	}
	if (cliUrls.length) options.webhookUrls = cliUrls;
	mergeBehaviour(DEFAULT_BEHAVIOUR, { listOrder: options.listOrder, upsertCreatedAt: options.upsertCreatedAt, adjustAnswer: options.adjustAnswer });
	return options;
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2), process.env);
	} catch (err) {
		console.error(`${err.message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (!options) {
		console.log(USAGE);
		return;
	}
	const sandbox = createSandbox(options);
	const { baseUrl, shopUrl } = await sandbox.start();
	const o = sandbox.options;
	console.log('PharmaOne sandbox running (local emulation, dummy credentials)');
	console.log(`  Base URL (Manager): ${baseUrl}`);
	console.log(`  Organization ID:    ${o.orgId}`);
	console.log(`  API key:            ${o.apiKey}`);
	console.log(`  Shop URL:           ${shopUrl}`);
	console.log(`  Signing secret:     ${o.signingSecret}`);
	console.log(`  Seeded orders:      ${sandbox.state.orders.size}`);
	const { listOrder, upsertCreatedAt } = sandbox.getBehaviour();
	console.log(`  Lists sorted by:    ${listOrder}, newest first; upsert created_at: ${upsertCreatedAt}`);
	for (const s of sandbox.webhooks.subscriptions) console.log(`  Webhook:            ${s.url}`);
	console.log(`  Admin API:          ${baseUrl}/__sandbox/ (sandbox only)`);
	let stopping = false;
	const shutdown = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping sandbox`);
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('SIGINT'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (require.main === module) {
	main().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}

module.exports = { parseArgs };
