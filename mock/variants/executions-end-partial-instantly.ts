/** A triggered execution ends `partial` at once and stays so. */
import { executionsEndInstantly } from './executions-end-instantly.ts';

export default executionsEndInstantly('partial');
