#ifndef PORTAL_CNCURSESW_SHIM_H
#define PORTAL_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so ask for the wide API here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 rejects mutable C globals; read them through functions.
static inline WINDOW *portal_stdscr(void) { return stdscr; }
static inline WINDOW *portal_curscr(void) { return curscr; }
static inline int portal_lines(void) { return LINES; }
static inline int portal_cols(void) { return COLS; }
static inline int portal_colors(void) { return COLORS; }
static inline int portal_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t portal_a_normal(void) { return A_NORMAL; }
static inline attr_t portal_a_bold(void) { return A_BOLD; }
static inline attr_t portal_a_dim(void) { return A_DIM; }
static inline attr_t portal_a_underline(void) { return A_UNDERLINE; }
static inline attr_t portal_a_reverse(void) { return A_REVERSE; }
static inline attr_t portal_a_italic(void) { return A_ITALIC; }
static inline mmask_t portal_mouse_mask(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline mmask_t portal_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t portal_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t portal_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t portal_button4(void) { return BUTTON4_PRESSED; }
static inline mmask_t portal_button5(void) { return BUTTON5_PRESSED; }

static inline int portal_key_code_yes(void) { return KEY_CODE_YES; }
// The terminal's line-drawing character for a VT100 letter (ACS_HLINE is 'q').
static inline chtype portal_acs(char letter) { return NCURSES_ACS(letter); }

// newterm on the process's own standard streams; Swift 6 cannot name stdin/stdout.
static inline SCREEN *portal_newterm(void) { return newterm(NULL, stdout, stdin); }

// Signals are recorded here and handled by the main loop, which restores the
// terminal before it exits; a handler cannot safely do that work itself.
static volatile sig_atomic_t portal_signal_received = 0;

static void portal_record_signal(int signo) { portal_signal_received = signo; }

// A crash must not leave the terminal in curses mode: restore it, then die
// of the same signal so the exit status stays honest.
// Bracketed paste: the terminal wraps pasted text in ESC [200~ ... ESC [201~,
// so a pasted newline is not Enter. Written straight to the terminal: curses
// has no call for it, and write() is safe in a signal handler.
static inline void portal_bracketed_paste(int on) {
    const char *sequence = on ? "\033[?2004h" : "\033[?2004l";
    ssize_t ignored = write(STDOUT_FILENO, sequence, 8);
    (void)ignored;
}

static void portal_crash_handler(int signo) {
    portal_bracketed_paste(0);
    endwin();
    signal(signo, SIG_DFL);
    raise(signo);
}

// Every signal whose default action ends the process is caught: those that
// dump core (SIGQUIT, SIGSEGV, ...) restore the terminal and die of the same
// signal; the others (SIGTERM, SIGHUP, SIGUSR1, SIGALRM, SIGPIPE, real-time
// signals, ...) are recorded for the main loop, which restores the terminal
// and exits with 128 + the signal. Job control and SIGWINCH stay with curses.
static inline void portal_install_signal_handlers(void) {
    struct sigaction quit_action;
    sigemptyset(&quit_action.sa_mask);
    quit_action.sa_flags = 0;
    quit_action.sa_handler = portal_record_signal;

    struct sigaction crash_action;
    sigemptyset(&crash_action.sa_mask);
    crash_action.sa_flags = SA_RESETHAND;
    crash_action.sa_handler = portal_crash_handler;

    for (int signo = 1; signo < NSIG; signo++) {
        switch (signo) {
        case SIGKILL: case SIGSTOP: case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
        case SIGTSTP: case SIGTTIN: case SIGTTOU:
            continue;
        case SIGQUIT: case SIGSEGV: case SIGBUS: case SIGILL: case SIGTRAP: case SIGABRT:
        case SIGFPE: case SIGSYS: case SIGXCPU: case SIGXFSZ:
            sigaction(signo, &crash_action, NULL);
            continue;
        default:
            // Signals glibc keeps for its threads (32, 33) refuse a handler; that is fine.
            sigaction(signo, &quit_action, NULL);
        }
    }
}

// Ctrl+Z in raw mode is a key: stop the way the shell's job control expects,
// with the default action (curses' own handler would redraw too early), and
// put the previous handler back on resume.
static inline void portal_stop_self(void) {
    struct sigaction stop_action, previous;
    sigemptyset(&stop_action.sa_mask);
    stop_action.sa_flags = 0;
    stop_action.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &stop_action, &previous);
    kill(getpid(), SIGTSTP);
    sigaction(SIGTSTP, &previous, NULL);
}

static inline int portal_take_signal(void) {
    int signo = portal_signal_received;
    portal_signal_received = 0;
    return signo;
}

#endif
