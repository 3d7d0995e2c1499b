// Command bench measures zorgbericht beside its peers in one process, on the same bytes,
// contenders interleaved round by round (every other round in the reverse order), and
// prints the medians over the rounds (MB/s, allocations per record) and the ratios the
// project's targets are stated in (BENCHMARKS.md). A ratio is the median over the rounds
// of the ratio of the two contenders' times in that round, so that the machine's speed
// drifting from round to round does not enter it; the lowest and highest round and the
// ratio of the two medians are printed beside it.
//
// The contenders, on each file:
//
//   - a bare line scan (bufio.Scanner, no decoding): the ceiling of any reader;
//   - github.com/ianlopshire/go-fixedwidth v0.10.0 decoding the same fields (one struct
//     type per record type, from the layout; numbers as int64, the rest as strings);
//   - ei.Reader, a new record per line and with ReuseRecord;
//   - validate.File, N1–N5, serially on one core and with workers on all cores;
//   - building a return (retour.Stream: read the declaration, answer it as the insurer and
//     as the portal, one verzekerde in memory).
//
// and, on a generated VSB facturatiebestand, vsb.Encode and vsb.Decode.
//
// Beside them every round checks the host, whose cores are virtual and shared: a loop in
// registers and a copy of buffers larger than the caches, each on one goroutine and on
// one per core; and a hand-over of buffers of a chunk's size, written by one goroutine
// and read by another (the parallel validation's worker and file-order pass), against
// one goroutine writing and reading them. Their ratios (2.0 on two cores is two whole
// cores, memory that keeps up with both, and lines written on one core that the other
// reads as fast as its own) are printed under the parallel validation's, to tell a slow
// machine from slow code; they are not targets. Between the two, the parallel ratio is taken apart: the
// cores the parallel run kept busy (its CPU time over its wall time) and its CPU time over
// the serial run's (the extra work of running in parallel, as CPU time measures it on a
// shared host); the ratio is about the first over the second.
//
// The parallel ratio's control runs in every round beside it: the serial validation on
// every core at once, each on the whole file. Its time against the serial run's alone
// (times the cores) is what these cores gave this very work in the round: 2.0 on two
// whole cores, less when the host slows one of them down (another guest on the same
// physical core), which the register loop does not show. The line under it is the
// parallel ratio over the control's, per round: 1 is as parallel as the host let the
// work be in that round. Neither is a target.
//
// The files: one grown to -mb megabytes by repeating the body of the official Vektis
// GZ321 base file (../shared/vektis/rbc-gz321/GZ321-basisbestand-correct.ASC beside the
// repository; skipped when absent), and the generated GZ321 and MZ301 files of
// internal/eitest. Run from this directory:
//
//	go run . -mb 100 -rounds 5
//
// The single-core contenders run with GOMAXPROCS 1; the parallel validation with
// GOMAXPROCS set to the number of cores (-cores).
//
// The command runs with GODEBUG madvdontneed=0 unless GODEBUG names madvdontneed itself
// (it starts itself again with it: the runtime reads the setting at start only). The
// memory the Go runtime's scavenger gives back to the operating system is then given
// back with MADV_FREE, which the process takes back without a page fault while the
// machine has memory to spare, instead of MADV_DONTNEED, after which every page taken
// back faults. The scavenger gives back what one contender's heap left free once a
// contender with a smaller heap runs, and the next contender with a larger one takes it
// back: with MADV_DONTNEED that cost lands on whichever contender comes next in the
// round, not on the one whose code is measured, and on this project's machines a fault
// costs about 9.5 µs (a 256 KiB block: 0.6 ms). The column "page faults/pass" shows
// what is left: the median over the rounds, and the most in one round.
// GODEBUG=madvdontneed=1 measures with the runtime's default. BENCHMARKS.md ("The
// thirteenth round") has the measurements.
package main
