export * from './contract';
export { parseQuantity } from './quantity';
