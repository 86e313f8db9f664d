// Google's error for arguments that match no overload of a method, naming the argument types it got.

export function signatureError(cls: string, method: string, args: unknown[]): Error {
  const types = args.map((a) => (a === null ? "null" : Array.isArray(a) ? "Object[]" : typeof a)).join(",");
  return new Error(`The parameters (${types}) don't match the method signature for ${cls}.${method}.`);
}
