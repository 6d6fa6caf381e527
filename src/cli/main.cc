#include "cli/app.h"

int main(int argc, char** argv) { return congtin::cli::run(argc, argv); }
