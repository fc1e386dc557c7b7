/** Exit codes of every command: see DESIGN.md, "Contracts that tests rely on". */
export const EXIT_OK = 0;
/** A finding: stale output, a breaking change, a lint error, drift. */
export const EXIT_FINDING = 1;
/** Bad input or usage. */
export const EXIT_BAD_INPUT = 2;
