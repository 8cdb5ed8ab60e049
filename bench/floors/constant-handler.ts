/**
 * The cold-start floor: a Lambda handler that answers every event with the same small response. It is
 * bundled with the API function's own esbuild options, so the only difference measured is what the API
 * loads and does.
 */
const response = {
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"status":"healthy"}',
  isBase64Encoded: false,
};

export const handler = async (_event: unknown, _context: unknown) => response;
