/** A triggered execution ends `failed` at once and stays so. */
import { executionsEndInstantly } from './executions-end-instantly.ts';

export default executionsEndInstantly('failed');
