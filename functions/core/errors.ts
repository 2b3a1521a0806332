// The one error type of the domain. The API maps `code` to an HTTP status; pages map it to a message.
export type DomainErrorCode =
  | "validation" // 400/422: input is wrong; `field` names what
  | "unauthorized" // 401: no or bad credentials
  | "forbidden" // 403: signed in, but not allowed
  | "not_found" // 404
  | "conflict" // 409: someone else changed it first, or it exists already
  | "gone"; // 410: a link that was valid once and is no longer

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError("not_found", `${what} ${id} does not exist`);
export const invalid = (field: string, message: string) =>
  new DomainError("validation", `${field}: ${message}`, field);
