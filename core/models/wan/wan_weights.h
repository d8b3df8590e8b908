#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "weights/safetensors.h"

namespace kinora::wan {

/// @brief Maps a tensor name as stored in a file to the official Wan name of the part
/// (empty: not a tensor of this part, ignored).
using NameMap = std::function<std::string(const std::string&)>;

/// @brief The weights of one model part (denoiser, text encoder, VAE) drawn from one or
/// more files under the official Wan names, whatever layout the files use.
///
/// Every tensor of the part must be taken by the module built from it (`finish` refuses
/// leftovers, so a file of another model or a wrong variant is not half-loaded), and every
/// tensor the module asks for must be there with the shape it expects; both messages name
/// the file and the tensor. Tensors keep their stored type (F32, F16, BF16); F8 tensors are
/// decoded to float32 and multiplied by their per-tensor scale (`<name>.scale_weight`,
/// `<name minus .weight>.scale_weight` or `.weight_scale`) when the file has one.
class WanWeights {
public:
    WanWeights(std::vector<std::shared_ptr<TensorFile>> files, const NameMap& map,
               std::string part);

    const std::string& part() const { return m_part; }
    bool has(const std::string& name) const;
    /// @brief Whether any tensor's official name starts with `prefix`.
    bool hasPrefix(const std::string& prefix) const;
    /// @brief Shape of a tensor (throws naming the part and the tensor when missing).
    std::vector<int64_t> shape(const std::string& name) const;
    /// @brief Stored type of a tensor.
    DType dtype(const std::string& name) const;
    /// @brief The tensor, in its stored floating type; refuses another shape when
    /// `expected` is given. Marks it taken.
    torch::Tensor take(const std::string& name, std::vector<int64_t> expected = {});
    /// @brief Checks that a tensor is there with the expected shape and marks it taken,
    /// without reading it (for parts read layer by layer later).
    void expect(const std::string& name, const std::vector<int64_t>& shape);
    /// @brief As take, but without copying when the file allows it (TensorFile::view): the
    /// tensor keeps its file mapped for as long as it lives; never write to it. F8 tensors
    /// are decoded (a copy).
    torch::Tensor takeView(const std::string& name, std::vector<int64_t> expected = {});
    /// @brief Lets the mapped bytes of a tensor leave resident memory (TensorFile::release).
    void release(const std::string& name) const;
    /// @brief As take, as float32.
    torch::Tensor takeFloat(const std::string& name, std::vector<int64_t> expected = {});
    /// @brief Official names of every tensor of the part, sorted.
    std::vector<std::string> names() const;
    /// @brief Throws when some tensor of the part was not taken (naming the first few).
    void finish() const;
    /// @brief Parameters and bytes as stored, over every tensor of the part.
    int64_t parameters() const;
    int64_t storedBytes() const;

private:
    struct Source {
        const TensorFile* file;
        std::string stored;
        const TensorEntry* entry;
    };
    const Source& source(const std::string& name) const;
    /// Refuses a shape other than `expected` (empty: any), naming the file and the tensor.
    void checkShape(const Source& s, const std::vector<int64_t>& expected) const;

    std::vector<std::shared_ptr<TensorFile>> m_files;
    std::string m_part;
    std::map<std::string, Source> m_sources;  // official name -> where it is
    std::map<std::string, Source> m_scales;   // official weight name -> its F8 scale
    std::set<std::string> m_taken;
};

/// @brief Name maps for each part and layout.
/// The denoiser: official names, optionally behind a known prefix
/// (`model.diffusion_model.`, `diffusion_model.`, `model.`), or the diffusers names.
std::string ditName(const std::string& stored);
/// @brief True for a name only the diffusers layout of the denoiser uses.
bool isDiffusersDiTName(const std::string& stored);
/// @brief The umT5 encoder: official names, or the Hugging Face UMT5EncoderModel names.
std::string t5Name(const std::string& stored);
/// @brief The VAE: official names (optionally behind `vae.` / `first_stage_model.`).
std::string vaeName(const std::string& stored);

/// @brief A Linear layer over stored weights: converts them to the input's type per call.
struct Linear {
    torch::Tensor weight, bias;
    torch::Tensor operator()(const torch::Tensor& x) const;
    bool defined() const { return weight.defined(); }
};
/// @brief `<prefix>.weight` [out, in] and `<prefix>.bias` [out] (when `bias`), as views of
/// the mapped file where it allows (WanWeights::takeView): the weights stay on disk pages the
/// system can drop and read again, not in a copy.
Linear takeLinear(WanWeights& w, const std::string& prefix, int64_t in, int64_t out,
                  bool bias = true);
/// @brief A weight in the input's type.
torch::Tensor as(const torch::Tensor& weight, const torch::Tensor& like);

/// @brief Named intermediate tensors recorded by a forward pass (for parity checks).
using Trace = std::map<std::string, torch::Tensor>;

}  // namespace kinora::wan
