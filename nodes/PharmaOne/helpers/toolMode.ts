import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * n8n registers a node with `usableAsTool` a second time, as `<package>.<name>Tool` ("PharmaOne Tool"),
 * for AI agents and the MCP Server Trigger. Its parameters are the node's own; `@tool` in displayOptions
 * is true there only, so fields can differ between the two (n8n-workflow's displayParameter).
 */
export const TOOL_NODE_TYPE_SUFFIX = '.pharmaOneTool';

/** Whether this run is the node used as a tool by an AI agent or an MCP client. */
export function isToolNode(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return ctx.getNode().type.endsWith(TOOL_NODE_TYPE_SUFFIX);
}

/** The value types `$fromAI()` knows. */
export type FromAIType = 'string' | 'number' | 'boolean' | 'json';

/** A parameter the model fills when the node is a tool: `$fromAI(key, description, type)` is its default there. */
export interface ModelArgument {
	/** The node parameter (top level of the operation), e.g. `orderId`. */
	parameter: string;
	/** The key in the tool's JSON schema, e.g. `orderId`. */
	key: string;
	/** What the model reads about it: meaning, format, an example, the documented values. */
	description: string;
	type?: FromAIType;
}

/**
 * What an AI model reads about one operation when the node is PharmaOne Tool: the tool description (what it
 * does, what it needs, what it returns) and the parameters it fills with `$fromAI()` by default.
 */
export interface ToolSpec {
	description: string;
	args?: readonly ModelArgument[];
}

/** The comment n8n's editor puts before `$fromAI()` so it shows the field as "Defined automatically by the model". */
const FROM_AI_MARKER = '/*n8n-auto-generated-fromAI-override*/';

/** `={{ <marker> $fromAI('orderId', `Order ID, e.g. ORD_…`, 'string') }}`, as n8n's editor writes it. */
export function fromAIExpression({ key, description, type = 'string' }: ModelArgument): string {
	const text = description.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
	return `={{ ${FROM_AI_MARKER} $fromAI('${key}', \`${text}\`, '${type}') }}`;
}

function withCondition(field: INodeProperties, kind: 'show' | 'hide'): INodeProperties {
	const own: IDisplayOptions = field.displayOptions ?? {};
	return { ...field, displayOptions: { ...own, [kind]: { ...own[kind], '@tool': [true] } } };
}

/** The field only as the node has it outside tool mode. */
export function outsideTool(field: INodeProperties): INodeProperties {
	return withCondition(field, 'hide');
}

/** The field only as PharmaOne Tool has it. */
export function inTool(field: INodeProperties): INodeProperties {
	return withCondition(field, 'show');
}

/**
 * The operation's fields with, for each model argument, the field twice: unchanged outside tool mode,
 * and in PharmaOne Tool with `$fromAI(...)` as its default (a resource locator takes it as its ID).
 */
export function withModelArguments(fields: INodeProperties[], args: readonly ModelArgument[]): INodeProperties[] {
	return fields.flatMap((field) => {
		const arg = args.find((candidate) => candidate.parameter === field.name);
		if (!arg) return [field];
		const expression = fromAIExpression(arg);
		const value = field.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: expression } : expression;
		return [outsideTool(field), inTool({ ...field, default: value })];
	});
}

/** The text the model reads about one operation: n8n's tool description field, filled for it. */
export function toolDescriptionField(text: string): INodeProperties {
	return inTool({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		description:
			'What the AI model reads about this tool: what it does, what it needs and what it returns. Written for the selected operation; edit it to fit your agent.',
	});
}
