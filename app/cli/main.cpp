// kinora-cli: the headless client of kinora_core.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "commands.h"
#include "util/error.h"
#include "util/files.h"
#include "util/memory.h"

namespace {

constexpr const char* kUsage = R"(usage: kinora-cli COMMAND [options]

commands:
  generate --prompt TEXT --out PATH [--negative TEXT] [--seed N] [--frames N]
           [--width W] [--height H] [--steps N] [--guidance G] [--image PATH]
           [--model DIR] [--fps N] [--device cpu|cuda] [--threads N] [--json] [--quiet]
           [--mode MODE] [--last-image PATH] [--context CLIP] [--reference PATH]
           [--seconds S] [--candidates K] [--guidance-smoothing A] [--reference-guidance R]
           [--solver euler|unipc|dpm++] [--mask PATH] [--fit crop|bars]
           [--control-strength S] [--lora FILE[:STRENGTH]]... [--precision auto|float32|bf16]
      Generates a clip. --model: a model folder (kinora, or Wan 2.1: the official release,
      the diffusers layout or single files), or Wan files separated by commas; the default
      is the embedded kinora-tiny, and kinora-tiny-fast its shipped few-step sibling (4
      steps, no guidance). --precision: the denoiser's matrix products (auto: bfloat16 for
      the embedded family on a CPU that multiplies it natively, float32 otherwise). Settings left out take the model's defaults (Wan: 832x480,
      81 frames, 16 fps, 50 UniPC steps, shift 5, guidance 5, its negative prompt).
      PATH ending in .mp4 gives H.264 MP4; a pattern such as
      frames/%04d.png gives a PNG sequence (folders created); .y4m gives raw video.
      MODE: text-to-video, image-to-video (--image), extend-forward / extend-backward
      (--context: the clip to continue, .mp4 or a PNG pattern), connect (--image and
      --last-image), loop, inpaint (Wan VACE: --context is the clip, --mask what to
      make again). --reference: a character image the clip keeps the look of (repeat
      it for several). --mask: white where given frames are generated again, black
      where they are kept (Wan VACE models). --fit: how pictures of another shape meet
      the canvas: crop (default) or bars (a VACE model paints the margins).
      --control-strength S (0..2): how closely a VACE model follows what it is given.
      --lora FILE[:STRENGTH][@high|@low] (repeatable; Wan models): LoRA files merged into
      the denoiser (kohya, PEFT or diffusers keys, diff/diff_b/diff_m differences; strength
      -4..4, default 1; @high / @low: one expert of a Wan 2.2 A14B model); a file that
      does not fit the model is refused with the tensors that do not fit. A
      step-distillation LoRA (lightx2v, CausVid, "4steps" ...) makes its steps, guidance 1
      and euler the defaults.
      --seconds S: any length, as overlapping windows that extend one another.
      --guidance-smoothing A (0..0.5): the guidance term mixed with each neighbouring
      latent frame's by A, so guidance amplifies what holds across frames and not flicker
      (default: the model's).
      --reference-guidance R (0..20, with --reference): the clip follows the reference R
      times harder than the model alone makes it (one more prediction a step; default: the
      model's, 0 for the shipped one).
      --candidates K (with --reference): each window is made K times and the try
      whose character keeps the reference's outline best is kept (K times the time).
      Prompts are screened first (sexual content, minors, gore, self-harm, hate, real
      people, attacks): a refused one is one clear line and exit 2. --prompt-list FILE
      sets the word list (JSON; see docs/cli.md), for generate and render.
  render PROJECT.kinora [--out FILM] [--force] [--candidates K] [--model DIR]
         [--device cpu|cuda] [--threads N] [--quiet] [--json]
      Renders every shot without a selected take into the project's media folder
      (saving the project after each), then cuts the selected takes into FILM.
      --force renders every shot again as a new take. Ctrl-C keeps completed takes.
      --candidates K: shots that name a character keep, of K tries a window, the one
      closest to the character's reference look (K times the time).
  export-timeline PROJECT.kinora --out DIR
                  [--format fcpxml,xmeml,edl,otio,mlt,kdenlive,shotcut|all]
                  [--rate 23.976|24|25|30|N] [--codec h264|prores|dnxhr] [--size WxH]
                  [--scale lanczos|bicubic|nearest] [--media-root DIR] [--json] [--quiet]
      Exports the cut for editing software: each shot's selected take conformed to the
      rate (and upscaled to --size) as a MOV in DIR/media/ (H.264, ProRes 422 HQ or DNxHR
      HQ; BT.709, progressive; a timecode track from the take's time of day, with the
      clip's reel name), and the timeline as FCPXML 1.10 (Final Cut, Resolve), FCP7 XML
      (Premiere, Resolve), CMX3600 EDL (Avid, all), OpenTimelineIO (Resolve, Premiere), MLT
      XML (melt), a Kdenlive project and a Shotcut project. Exact times only. OTIO, EDL,
      MLT, Kdenlive and Shotcut name the media relative to DIR (move DIR as a whole);
      FCPXML and FCP7 XML need absolute URLs: --media-root is where the editing machine
      sees DIR (default: where it is written).
  detect FILE [--json]
      Looks for Kinora's invisible watermark (every generated frame carries one): made by
      Kinora or not, the 32-bit id, a confidence, and whether the file's content
      credentials (C2PA) name the same id. Exit 0 found, 1 not found, 2 unreadable.
  verify FILE [--trust CA.pem[,...]] [--require-trust] [--json]
      Validates the C2PA content credentials every MP4/MOV Kinora writes carries: the
      manifest, every assertion's hash, the hard binding to the file's bytes, the ES256
      signature and its certificate chain. Exit 0 valid, 1 invalid (or none), 2
      unreadable. The local test CA (docs/provenance.md) and --trust files are anchors;
      --require-trust makes an untrusted signer invalid.
  sign FILE --out SIGNED [--cert CHAIN.pem --key KEY.pem] [--title T] [--watermark-id ID]
      Embeds fresh content credentials in a copy of an MP4/MOV (e.g. after a trim),
      signed with the given certificate chain and EC P-256/P-384 key, or the local ones.
  watermark-eval [--count 50] [--seed S] [--model DIR] [--out report.json]
      Marks clips (world renders, or generations with --model), edits them (H.264 CRF 23
      and 28, downscale 50%, crop 10%, brightness +-20%) and measures detection, bit
      accuracy, false positives on unmarked clips, and PSNR.
  init-model --out DIR --seed N [--size test|tiny|small|base] [--dtype f32|f16|bf16] [--force]
      Writes deterministic random weights and the manifest of the real architecture.
  init-model --family wan2.1|wan2.1-vace|wan2.1-i2v|wan2.1-flf2v|wan2.2|wan2.2-a14b|wan2.2-a14b-i2v
             --size tiny|1.3b|5b|14b
             --out DIR --seed N
             [--dtype bf16|f16|f32] [--tiny-text]
      Writes a Wan 2.1 text-to-video (wan2.1) or VACE (wan2.1-vace: every mode, region
      masks, reference images) model, Wan 2.1 I2V- or FLF2V-14B (wan2.1-i2v, wan2.1-flf2v,
      size 14b: with the CLIP image encoder, clip_vision_h), Wan 2.2 TI2V-5B (wan2.2, size 5b: one denoiser on
      the Wan 2.2 VAE's 48 channels) or Wan 2.2 T2V- or I2V-A14B's two experts,
      with deterministic random weights in the
      single-file layout (denoiser, VAE, umT5 text encoder, a small tokenizer), for tests
      and benchmarks. --tiny-text: a small text encoder instead of umT5-XXL's 5.7 B.
  info MODEL_PATH [--json]
      Architecture, parameter count and tensors of a model folder; for a Wan model (a
      folder, or files separated by commas): family, variant, layout, parameters, dtypes
      and bytes of each part, and the memory a generation needs.
  parity DIR [--device cpu|cuda] [--dtype float32|bf16] [--json] [--verbose]
      Runs the Wan parity fixtures in DIR (one folder each, laid out like
      tests/fixtures/wan2.1) through our implementation and prints, per fixture, the
      largest output error next to its tolerance and pass or fail (--verbose: every
      compared tensor). Exit 0 only when every fixture passes. --device runs them there;
      --dtype bf16 runs the denoiser fixtures under bfloat16 autocast (the official GPU
      precision) against the looser bound 5e-2, the others in float32.
  bench [--model PATH] [--runs N] [--warmup N] [--steps N] [--width W] [--height H]
        [--frames N] [--threads N] [--load N [--load-after S]] [--precision P]
        [--guidance G] [--no-decode] [--json]
      Generates the default clip several times after --warmup runs (default 1); prints
      seconds per step, total seconds, text-encoder and decode seconds, real-time
      factor, peak RSS and the denoiser's GFLOP/s next to the GEMM peak measured in the
      same run. --guidance G as in generate (1: one row, no guidance). --no-decode stops
      after the denoising (a large model's decoder at 720p can take longer than the steps
      being measured). --load N runs N busy processes beside it (a busy desktop); with
      --load-after S they start S seconds into the timed runs (a build that begins
      mid-clip; --json lists each step's seconds and cores). Without --threads the
      layout follows the cores other processes leave free, between steps too.

  serve [--host 127.0.0.1] [--port 8765] [--model PATH]... [--pro-model NAME]
        [--queue 16] [--token-file F] [--data DIR] [--projects DIR] [--cors ORIGIN]
        [--max-seconds 20] [--max-body-mb 64] [--device D] [--threads N] [--precision P]
      Serves OpenAI's Videos API (POST/GET/DELETE /v1/videos, .../content, .../remix) on
      this machine, so code written for it works by changing its base URL to
      http://HOST:PORT/v1; plus GET /v1/videos/{id}/events (Server-Sent Events: progress
      and the live preview), storyboard modes as extra fields, GET /v1/models and POST
      /v1/projects/{name}/render for a .kinora file in --projects. --model (repeatable;
      default: the shipped models): the first is the default and `sora-2`, --pro-model
      (default the first) is `sora-2-pro`. Jobs and their files live in --data (default
      ~/.local/share/kinora/server) and survive a restart. Another host than loopback
      needs --token-file (clients send the token as their API key). --port 0: any free
      port; the first line on stdout says which. Ctrl-C stops it.
  serve-bench [--model PATH] [--polls 50] [--seconds 4] [--runs 3] [--json]
      Seconds per denoising step of a job on a local server with nobody polling, with
      --polls status requests a second, and with one client polling as fast as it can
      (its requests per second), alternating, medians of --runs.

  world sample --count N --seed S --out DIR [--held-out] [--shots N] [--single-canvas]
      Renders clips of the procedural world as PNG sequences, each with a film strip,
      its captions and its scene description (scene.json). --shots N writes storyboards
      of N shots whose named characters keep their look.

  train --out DIR [--config FILE] [--minutes N] [--max-steps N] [--device cpu|cuda]
        [--resume CHECKPOINT_DIR] [--ranks N | --rank R --world-size N --store FILE]
      Trains the autoencoder ("stage": "vae"), the denoiser ("stage": "dit"), with
      the encoder and the denoiser fixed, the autoencoder's decoder ("vae_decoder"), or
      a few-step student of init_from's model ("distill": distill_steps steps without
      guidance for the teacher's distill_steps x distill_substeps guided ones) on the
      procedural world. Writes DIR/train.jsonl, DIR/checkpoint/ (at intervals, at the
      end and on Ctrl-C) and DIR/model/ (a loadable model folder, EMA weights).
      It stops at --max-steps or after --minutes (default 10), whichever comes first,
      and says which; --resume DIR/checkpoint goes on from there.
      --ranks N trains data-parallel on N local processes (gradients all-reduced
      through LibTorch c10d / Gloo); each rank takes batch_size clips per step.

  eval --suite FILE [--model DIR | --world | --autoencoder] [--out report.json] [--limit N] [--steps N]
       [--guidance G] [--guidance-smoothing A] [--with-reference [--reference-guidance R]]
       [--json]
      Generates every suite item and scores it with the clip analyser: per-dimension
      accuracy, image-to-video frame-0 PSNR and which shape each intended one is
      read as. --with-reference gives each character's look as a reference image
      (as a project shot naming a character does), followed R times harder with
      --reference-guidance R (as generate). --world scores the world's own
      renderings instead (analyser calibration); --autoencoder reports the model's
      reconstruction PSNR on the suite's clips and the analyser's scores of them (the
      ceiling for any generation).
  eval --words [--model DIR] [--limit 64] [--noise-levels 0.5,0.7,0.9] [--out report.json] [--json]
      How much the denoiser's loss rises when one word of a world clip's caption is
      wrong (colour, shape, size, motion) at each noise level t: 0% means it ignores
      that kind of word. left/right and up/down reverse only the direction, on the
      clips that move that way (a start position decides a direction; near t = 1,
      e.g. 0.95,0.99, the word has to).
  eval-long [--prompt TEXT] [--seconds S] [--seed N] [--model DIR] [--out report.json]
            [--video PATH] [--no-reference] [--overlap K] [--join frames|latent]
            [--blend B] [--extension-start T] [--candidates K] [--reference-guidance R]
            [--json]
      Generates a long shot (default 60 s) as overlapping windows and measures it:
      cross-window consistency of the character's colour and shape, and the frame
      change at window joins against the change inside windows. --overlap: latent
      frames each window is given (default 2); --join frames (default): each window
      re-encodes the frames so far and joins with a dissolve of --blend frames
      (default 3); latent: one latent stream decoded once; --extension-start T: each
      extension starts from the clip's last latent frame held still, noised to T (1:
      from pure noise, the default). --candidates K: each window the best of K tries
      by the reference's look (as generate --candidates); --reference-guidance R: as
      generate's.
  eval-suite --out FILE [--count N] [--seed S]
      Writes a held-out suite: combinations training never shows, phrased in ways the
      captioner never writes.

  plot-training LOG.jsonl --out curve.png [--width W] [--height H]
      Draws a training log (loss per stage on a log axis, learning rate) with QCustomPlot.

  --version, --help
Errors print one line and exit with status 2.
)";

}  // namespace

int main(int argc, char** argv) {
    kinora::keepFreedMemoryForReuse();  // before any thread starts
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::printf("kinora-cli %s\n", KINORA_VERSION);
        return 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (command == "generate") return kinora::cli::runGenerate(rest);
        if (command == "init-model") return kinora::cli::runInitModel(rest);
        if (command == "render") return kinora::cli::runRender(rest);
        if (command == "export-timeline") return kinora::cli::runExportTimeline(rest);
        if (command == "detect") return kinora::cli::runDetect(rest);
        if (command == "watermark-eval") return kinora::cli::runWatermarkEval(rest);
#ifdef KINORA_HAVE_C2PA
        if (command == "verify") return kinora::cli::runVerify(rest);
        if (command == "sign") return kinora::cli::runSign(rest);
#endif
        if (command == "info") return kinora::cli::runInfo(rest);
        if (command == "bench") return kinora::cli::runBench(rest);
        if (command == "parity") return kinora::cli::runParity(rest);
#ifdef KINORA_HAVE_SERVER
        if (command == "serve") return kinora::cli::runServe(rest);
        if (command == "serve-bench") return kinora::cli::runServeBench(rest);
#else
        if (command == "serve" || command == "serve-bench")
            throw kinora::Error("serve needs a build with cpp-httplib (KINORA_WITH_SERVER)");
#endif
        if (command == "world") return kinora::cli::runWorld(rest);
        if (command == "train") return kinora::cli::runTrain(rest);
        if (command == "eval") return kinora::cli::runEval(rest);
        if (command == "eval-long") return kinora::cli::runEvalLong(rest);
        if (command == "eval-suite") return kinora::cli::runSuite(rest);
#ifdef KINORA_HAVE_UI
        if (command == "plot-training") return kinora::cli::runPlotTraining(rest);
#else
        if (command == "plot-training")
            throw kinora::Error("plot-training needs a build with Qt (not KINORA_CORE_ONLY)");
#endif
        std::fprintf(stderr, "kinora-cli: error: unknown command '%s' (see --help)\n",
                     kinora::printablePath(command).c_str());
        return 2;
    } catch (const kinora::Error& e) {
        // One line, always: a newline or an escape sequence in a file name is shown escaped.
        std::fprintf(stderr, "kinora-cli: error: %s\n", kinora::printablePath(e.what()).c_str());
    } catch (const std::exception& e) {
        // Torch and the standard library report some failures (out of memory, I/O)
        // with their own exceptions; keep the first line only.
        std::string what = e.what();
        what = what.substr(0, what.find('\n'));
        std::fprintf(stderr, "kinora-cli: error: %s\n", kinora::printablePath(what).c_str());
    }
    return 2;
}
