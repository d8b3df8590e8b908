#pragma once

#include <string>
#include <vector>

namespace kinora::cli {

/// Each command parses its own options and returns the process exit status.
/// They throw kinora::Error for anything the user should read; main() prints it.
int runGenerate(const std::vector<std::string>& args);
int runInitModel(const std::vector<std::string>& args);
int runRender(const std::vector<std::string>& args);
int runExportTimeline(const std::vector<std::string>& args);
int runInfo(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runWorld(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runEval(const std::vector<std::string>& args);
int runEvalLong(const std::vector<std::string>& args);
int runSuite(const std::vector<std::string>& args);
int runPlotTraining(const std::vector<std::string>& args);
int runVerify(const std::vector<std::string>& argv);
int runSign(const std::vector<std::string>& argv);
int runDetect(const std::vector<std::string>& args);
int runWatermarkEval(const std::vector<std::string>& args);
int runParity(const std::vector<std::string>& args);
int runServe(const std::vector<std::string>& args);
int runServeBench(const std::vector<std::string>& args);

}  // namespace kinora::cli
