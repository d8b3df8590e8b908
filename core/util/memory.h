#pragma once

namespace kinora {

/// @brief Keeps memory that tensors free inside the process for the next tensors, instead
/// of giving it back to the system at once (glibc's default for blocks above 32 MB: the
/// autoencoder's activations at 64x64, 17 frames, are 36 MB each). Memory handed back has
/// to be faulted in again page by page on the next allocation, and in a virtual machine
/// that can cost far more than the arithmetic: measured on the 2-core CI machine
/// (Firecracker), an elementwise product of two 36 MB tensors took 80 ms into fresh memory
/// and 1.1 ms into reused memory, and encoding a training batch of four clips 2.2 s
/// before, 0.33 s after. Blocks up to 256 MB stay in the heap and up to 512 MB of free heap
/// is kept; bigger ones still come from and go back to the system. Idempotent; call it
/// early, before worker threads start. Does nothing outside glibc.
void keepFreedMemoryForReuse();

/// @brief Gives the free heap kept by keepFreedMemoryForReuse() back to the system (e.g.
/// when a long job ends and the process stays open).
void releaseFreeMemory();

}  // namespace kinora
