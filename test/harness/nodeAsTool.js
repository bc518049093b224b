// What n8n sends to a model about a node used as a tool: n8n-core's createNodeAsTool (what the AI Agent and the
// MCP Server Trigger call; not exported by n8n-core's index, this is the file the runtime runs) turned into an
// OpenAI function definition by LangChain, as n8n's OpenAI Chat Model sends it. Both come with n8n-core.
const { createNodeAsTool } = require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool.js');
const { convertToOpenAITool } = require('@langchain/core/utils/function_calling');

function toolDefinition(node, nodeType) {
	const tool = createNodeAsTool({ node, nodeType, handleToolInvocation: async () => '' }).response;
	return convertToOpenAITool(tool).function;
}

module.exports = { toolDefinition };
