'use strict';

// Shared helpers for sandbox route handlers.

class HttpError extends Error {
	constructor(status, body, headers) {
		super(body && body.message ? body.message : `HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers || {};
	}
}

const validation = (message) => new HttpError(400, { error: 'validation_error', message });
const notFound = (message) => new HttpError(404, { error: 'not_found', message });
const conflict = (error, message) => new HttpError(409, { error, message });

function isObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requireBody(body) {
	if (!isObject(body)) throw validation('Request body must be a JSON object');
	return body;
}

/** p1_id may arrive as a string or a number; the sandbox keys everything by its string form. */
function p1IdOf(value) {
	if (typeof value === 'number' && Number.isInteger(value)) return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	return null;
}

/** A shop id the organization has (any of its shops, open or closed); 400 naming `field` otherwise. */
function requireOrgShop(core, shopId, field) {
	if (typeof shopId !== 'string' || !shopId) throw validation(`${field} is required`);
	if (!core.state.shops.some((s) => s.shop_id === shopId)) {
		throw validation(`${field} ${shopId} does not belong to this organization`);
	}
}

function optionalInt(value, name) {
	if (value === undefined || value === null) return 0;
	if (typeof value !== 'number' || !Number.isInteger(value)) throw validation(`${name} must be an integer`);
	return value;
}

/** Parses a positive integer query parameter with default and clamp. */
function intParam(query, name, { def, min = 0, max }) {
	const raw = query.get(name);
	if (raw === null || raw === '') return def;
	if (!/^-?\d+$/.test(raw)) throw validation(`${name} must be an integer`);
	let value = Number(raw);
	if (value < min) throw validation(`${name} must be >= ${min}`);
	if (max !== undefined && value > max) value = max;
	return value;
}

function isDate(value) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function isMonth(value) {
	return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

function dateParam(query, name) {
	const raw = query.get(name);
	if (raw === null || raw === '') return null;
	if (!isDate(raw)) throw validation(`${name} must be a date in YYYY-MM-DD format`);
	return raw;
}

function monthParam(query, name) {
	const raw = query.get(name);
	if (raw === null || raw === '') return null;
	if (!isMonth(raw)) throw validation(`${name} must be a month in YYYY-MM format`);
	return raw;
}

module.exports = {
	HttpError,
	validation,
	notFound,
	conflict,
	isObject,
	requireBody,
	p1IdOf,
	requireOrgShop,
	optionalInt,
	intParam,
	dateParam,
	monthParam,
};
