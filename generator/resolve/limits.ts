// Limits on how deep the schema's structures go. Real schemas stay far below them (EWS: content
// models under 15 levels, derivation chains under 6); a hostile one must meet a diagnostic with
// its position, not the call stack of the passes and templates that walk these structures.

/** Nesting of a content model: sequences, choices and model group references inside each other. */
export const MAX_CONTENT_DEPTH = 128;

/** Types deriving from each other by extension or restriction, one chain. */
export const MAX_DERIVATION_DEPTH = 64;
