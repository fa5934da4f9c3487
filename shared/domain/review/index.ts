export * from './rules';
export * from './evaluate';
export { foldForReview } from './fold';
