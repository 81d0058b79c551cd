// Package pgstore is a translation memory shared by many locpipe processes
// through PostgreSQL (memory.url: postgres://…), so that the shards of a
// run spread over several machines reuse each other's translations.
//
// It satisfies the pipeline's Memory interface: Lookup(ctx, memory.Key) and
// Store(ctx, memory.Key, memory.Entry), with the semantics of the embedded
// store in package memory:
//
//   - keys compare on memory.Normalize(Source) and the language pair; Prev
//     and Next are not part of the key;
//   - a machine entry matches only the same engine (name and settings, as in
//     Key.Engine) and glossary fingerprint;
//   - a human entry (Origin "human") matches whatever the engine and
//     glossary, and wins over a machine one; a machine Store never replaces it.
//
// # Sending a sentence to the engine once
//
// Two shards that meet the same sentence at the same moment would both miss
// the memory and both pay the engine for it. pgstore coordinates them with
// claims: a Lookup that misses inserts a pending row for the key (INSERT … ON
// CONFLICT DO NOTHING) and reports the miss only to the process that won the
// insert. Any other process that looks the key up meanwhile waits, polling
// with exponential back-off bounded by its context, until the winner's
// Store fills the row, then reports a hit. Within one process (one Store),
// a key claimed by that same Store is reported as a miss at once: the
// pipeline deduplicates its own sentences.
//
// A claim never blocks for ever:
//
//   - every Store sends a heartbeat; a claim whose owner has been silent for
//     Options.Lease (a crashed or killed shard) is taken over at once;
//   - a claim older than Options.ClaimTTL is taken over even from a live
//     owner (a translation that failed is never stored);
//   - Close, and Release for one key, give up claims that will not be filled;
//   - waiting processes record whom they wait for; a process that would
//     close a cycle (shard A waits for B's sentence while B waits for A's)
//     does not wait but translates the sentence itself, so the worst case
//     is one duplicate request, never a deadlock.
//
// All times are the database server's clock (now()), so machines with
// skewed clocks agree on what is stale.
//
// # Schema
//
// Open creates its tables if they do not exist (under a transaction-level
// advisory lock, so that shards starting together do not race): locpipe_tm
// (the entries, human and machine), locpipe_tm_claims (one row per machine
// key ever claimed, pending or done), locpipe_tm_owners (heartbeats) and
// locpipe_tm_waits (who waits for whom). Use the
// connection URL's search_path parameter to put them in a schema of your
// choosing. The connection URL's password never appears in an error or a
// log line.
//
// Sessions run with synchronous_commit=off unless the URL says otherwise:
// the memory is a cache, so a server crash may lose the last moments of
// stores (those sentences are translated again) but never consistency, and
// a new sentence costs about a fifth as much.
package pgstore
