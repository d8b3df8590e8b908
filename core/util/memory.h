#pragma once

namespace kinora {

/// @brief Keeps memory that tensors free inside the process for the next tensors, instead
/// of giving it back to the system at once (glibc's default for blocks above 32 MB: the
/// autoencoder's activations at 64x64, 17 frames, are 36 MB each). Memory handed back has
/// to be faulted in again page by page on the next allocation, and in a virtual machine
/// that can cost far more than the arithmetic (on the CI machine's virtual machines an
/// elementwise product into fresh memory has taken tens of times longer than into reused
/// memory: experiments/kinora-tiny/notes.md, Speed). Blocks up to 256 MB stay in the heap
/// and up to 512 MB of free heap
/// is kept; bigger ones still come from and go back to the system. Idempotent; call it
/// early, before worker threads start. Does nothing outside glibc.
void keepFreedMemoryForReuse();

}  // namespace kinora
