import { type Processor, Worker } from 'bullmq';
import type { AttemptReport } from './run-attempt.js';
import type { TrialJobData } from './trial-job.js';

/**
 * A BullMQ worker that hands each attempt's report to `onReport` as soon as the trial
 * process returns it, before BullMQ moves the job. A worker that stalled and came back
 * has lost the job's lock, so BullMQ refuses to complete the job and emits no "completed"
 * event; its superseded attempt is reported here all the same.
 */
export class TrialWorker extends Worker<TrialJobData, AttemptReport> {
  onReport: ((report: AttemptReport) => void) | undefined;

  protected override createSandbox(
    processor: string | URL | null | Processor<TrialJobData, AttemptReport, string>,
  ): void {
    super.createSandbox(processor);
    const run = this.processFn;
    this.processFn = async (...args) => {
      const report = await run(...args);
      this.onReport?.(report);
      return report;
    };
  }
}
