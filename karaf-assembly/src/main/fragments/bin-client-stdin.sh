# NSOZ (inserted at build from karaf-assembly/src/main/fragments/bin-client-stdin.sh): Karaf 4.4's client closes
# the session as soon as its standard input ends (a thread reads stdin while a command runs), so a script, cron or
# CI job that runs `bin/client ... "nsoz:node-info"` with stdin closed or at /dev/null got nothing and exit 1 (upstream:
# apache/karaf pull request 2926). When a command is given (as an argument or with -f) and stdin is not a terminal,
# stdin is kept open with /dev/zero; the command itself reads nothing from it. -b (commands read from stdin) and an
# interactive shell are left alone.
nsozNeedsEndlessStdin() {
    [ -t 0 ] && return 1
    nsozCommand=1
    while [ $# -gt 0 ]; do
        case "$1" in
            -b) return 1 ;;
            -f) nsozCommand=0; shift ;;
            -a|-h|-u|-p|-r|-d|-k|-t|-l) shift ;;
            --) shift; [ $# -gt 0 ] && nsozCommand=0; break ;;
            -*) ;;
            *) nsozCommand=0 ;;
        esac
        [ $# -gt 0 ] && shift
    done
    return $nsozCommand
}

