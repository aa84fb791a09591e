// app::tune_allocator — runs fastscimd with a larger glibc thread cache of
// freed blocks.
//
// A request allocates and frees hundreds of small blocks (JSON nodes,
// strings, result rows).  glibc keeps 7 freed blocks of each size per
// thread by default; the rest go to the arena's fast bins, which every
// allocation of 1 KB or more (a document, a response body) first merges
// back into the free lists.  With 128 of each size kept per thread, a
// match cost 12 % fewer instructions in fastscimd (callgrind, one worker:
// about 548,000 per request instead of 622,000).
//
// glibc reads the setting only when a program starts (GLIBC_TUNABLES), so
// fastscimd sets it and executes itself once more, same process, same
// arguments, same descriptors.  An operator's own GLIBC_TUNABLES, whatever
// it says, is left as it is and nothing is executed again: set it (even
// empty) to run fastscimd under a tool that does not follow exec, such as
// valgrind without --trace-children.  A plain CGI request (one request per
// process) is not worth the second exec and runs as started.
//
// Thread-safety: call before any thread starts.
#ifndef FASTSCIM_APP_ALLOCATOR_H_
#define FASTSCIM_APP_ALLOCATOR_H_

namespace fastscim::app {

// The GLIBC_TUNABLES value fastscimd runs with.
inline constexpr char kAllocatorTunables[] = "glibc.malloc.tcache_count=128";

// Executes this program again with GLIBC_TUNABLES = kAllocatorTunables when
// the variable is unset and this is not a CGI request.  Returns when it did
// nothing, or when the exec failed (fastscimd then runs with glibc's
// defaults, which only costs speed).
void tune_allocator(char** argv);

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_ALLOCATOR_H_
