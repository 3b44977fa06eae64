/** `seqconform replay --help`: apart from cli/replay.ts, so help loads nothing else. */

/** Usage of `seqconform replay`. */
export const REPLAY_HELP = `seqconform replay FINDING_ID [--profile FILE] [--report FILE] [--allow-writes] [--scale N]

  Re-sends the request(s) of one finding of a report and prints the answer then (as the report
  recorded it) and now (status, error code, request id, body excerpt), judged again by the same
  checks. FINDING_ID is a finding id (report.json findings[].finding_id, the ids in report.md and
  in the run's summary) or a cell id (report.json cases[].case_id). A finding seen on several
  cells is replayed on its first; pass another cell's id to replay that one.

  --profile FILE    the target and its keys (the profile the report was made with); absent: the
                    embedded mock, started with the report's seed (and --scale)
  --report FILE     the report to read (default reports/out/latest/report.json)
  --allow-writes    send a cell that writes (a POST) to a target that is not the embedded mock;
                    without it such a cell is shown, not sent. A write gets a fresh Idempotency-Key
                    (the recorded one would only replay the old answer), so it may act once more
  --scale N         embedded mock only: the --scale the report's run used

  The cell is rebuilt from the target as discovered now: when its data changed since the report,
  the cell may no longer exist (then replay says so and the recorded curl is the way left).
Exit 0: the deviation is gone; 1: it is still there; 2: it could not be replayed (misuse, or not sent).

Examples:
  seqconform replay 3f9c2a1b7d6e5f40 --profile staging.yaml --report out/staging/report.json
  seqconform replay c_1a2b3c4d5e6f`;
