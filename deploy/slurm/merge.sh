#!/bin/bash
# Merges the parts of deploy/slurm/sweep.sh into the unsharded result, with the HTML report.
#SBATCH --job-name=cmksim-merge
#SBATCH --output=parts/merge.log
cmksim merge parts/part-*.json --format json --report parts/latency.html > parts/result.json
