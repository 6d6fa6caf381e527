// The composition root: the only place that knows every concrete type. It parses the command
// line and wires store, theme, site and server together for each subcommand.
#pragma once

namespace congtin::cli {

// Runs the congtin command line; returns the process exit code (0 ok, 1 failure, 2 usage).
int run(int argc, char** argv);

}  // namespace congtin::cli
