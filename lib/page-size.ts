// Page sizes of every connection (DESIGN.md "API conventions": `first` 1–100, default 20),
// apart from connection.ts so that code without type-graphql (the gateway's cost limit)
// can read them.
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
