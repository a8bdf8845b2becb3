#!/bin/sh
# Sleeps in the background and waits, so a SIGTERM (kubectl delete) ends the job at once
# instead of after the sleep: the shell runs as PID 1 and has no default SIGTERM action.
trap 'echo "$(date) Terminated"; exit 143' TERM INT
echo "$(date) Batch job starting"
sleep "${SLEEP:-120}" &
wait $!
echo "$(date) Finished succesfully"
exit 0
