export { usePaging, type Paging } from './usePaging';
export { EmptyTableRow, PagingFooter } from './PagingFooter';
