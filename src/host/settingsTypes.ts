/** Grouping dimensions offered by the tree; mirrors `GroupBy` in core/grouping. */
export type GroupByKey = 'service' | 'principal' | 'resource' | 'region';
