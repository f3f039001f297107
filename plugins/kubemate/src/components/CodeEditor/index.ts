export { CodeEditor } from './CodeEditor';
