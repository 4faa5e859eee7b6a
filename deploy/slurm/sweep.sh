#!/bin/bash
# A what-if sweep as a Slurm job array: task K of N runs shard K/N and writes parts/part-K.json.
# Submit from a clone (or with cmksim installed): sbatch deploy/slurm/sweep.sh, then merge with
# sbatch --dependency=afterok:<jobid> deploy/slurm/merge.sh.
#SBATCH --job-name=cmksim-sweep
#SBATCH --array=1-16
#SBATCH --cpus-per-task=4
#SBATCH --output=parts/sweep-%a.log
mkdir -p parts
cmksim sweep scenarios/what-if/detection-latency.yaml --runs 1000000 --threads "$SLURM_CPUS_PER_TASK" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" --out "parts/part-${SLURM_ARRAY_TASK_ID}.json"
