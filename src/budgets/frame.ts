/**
 * One frame at 60 Hz, rounded down: the budget of anything that must fit in a frame. Its own
 * module so instrumentations can use it without carrying the preset tables.
 */
export const FRAME_BUDGET_MS = 16;
