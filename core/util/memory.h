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

/// @brief What the process does with the memory tensors free (glibc; nothing elsewhere).
enum class FreedMemory {
    /// Blocks up to 256 MB stay in the heap for the next tensors (keepFreedMemoryForReuse):
    /// fastest for a model whose working tensors are a few MB (the embedded model).
    KeepForReuse,
    /// Blocks above 32 MB come from the system and go back to it when freed, and at most
    /// 64 MB of free heap is kept: for models whose working tensors are hundreds of MB (Wan
    /// at 480p), where kept blocks of one phase's sizes fragment into gigabytes the next
    /// phase cannot use. Slower where memory is faulted in anew, smaller peaks
    /// (experiments/wan/notes.md has the figures).
    ReturnLarge,
};

/// @brief Sets the policy for blocks allocated from now on (a model family's choice, applied
/// when its model loads). Safe to call while other threads run.
void setFreedMemoryPolicy(FreedMemory policy);

}  // namespace kinora
