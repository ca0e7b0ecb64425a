# Times R's sna on the district of make_data.R and prints it beside staffnet's results (run.sh
# passes staffnet's output files and times).
#   Rscript compare.R DATA_DIR PERMUTATIONS QAP.csv MRQAP.csv QAP_SECONDS MRQAP_SECONDS QAP_1T MRQAP_1T
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
reps <- as.integer(args[2])
staffnet_qap <- read.csv(args[3])
mrqap_lines <- readLines(args[4])
blank <- which(mrqap_lines == "")[1]
staffnet_terms <- read.csv(text = mrqap_lines[1:(blank - 1)])
staffnet_fit <- read.csv(text = mrqap_lines[(blank + 1):length(mrqap_lines)])
seconds <- as.numeric(args[5:8])  # qap, mrqap on every core; qap, mrqap on one thread

# The matrices, as staffnet builds them: the combined network 0/1 and symmetric, 1 for the same
# school, the difference of hire dates in days.
people <- read.csv(file.path(dir, "people.csv"), colClasses = "character")
ties <- read.csv(file.path(dir, "ties.csv"), colClasses = "character")
n <- nrow(people)
all <- matrix(0, n, n)
s <- match(ties$source, people$id); r <- match(ties$target, people$id)
all[cbind(s, r)] <- 1; all[cbind(r, s)] <- 1
same_school <- outer(people$school, people$school, "==") * 1
hire <- as.numeric(as.Date(people$hire_date))
diff_hire_date <- abs(outer(hire, hire, "-"))

set.seed(1)
qap_time <- system.time({
  q1 <- qaptest(list(all, same_school), gcor, g1 = 1, g2 = 2, reps = reps)
  q2 <- qaptest(list(all, diff_hire_date), gcor, g1 = 1, g2 = 2, reps = reps)
})
set.seed(1)
mrqap_time <- system.time(m <- netlm(all, list(same_school, diff_hire_date), nullhyp = "qapspp", reps = reps))
# Elapsed time, and CPU time (user + system), which another busy process does not inflate.
cpu <- function(t) t[["user.self"]] + t[["sys.self"]]

cat(sprintf("\n%d people, %d permutations; staffnet on %s threads (whole command: read files, build matrices, test), sna single-threaded\n\n",
            n, reps, Sys.getenv("THREADS", "all")))
for (k in 1:2) {
  q <- list(q1, q2)[[k]]
  cat(sprintf("%sQAP correlation: all ~ %s\n", if (k > 1) "\n" else "", staffnet_qap$predictor[k]))
  cat(sprintf("  %-12s %22s %22s\n", "", "staffnet", "sna"))
  cat(sprintf("  %-12s %22.15f %22.15f\n", "r", staffnet_qap$correlation[k], q$testval))
  cat(sprintf("  %-12s %22.4f %22.4f\n", "p(>=)", staffnet_qap$p_greater[k], q$pgreq))
  cat(sprintf("  %-12s %22.4f %22.4f\n", "p(<=)", staffnet_qap$p_less[k], q$pleeq))
  cat(sprintf("  %-12s %22.4f %22.4f\n", "p(|r|>=)", staffnet_qap$p_two_sided[k], mean(abs(q$dist) >= abs(q$testval))))
}
cat("\nMRQAP (netlm, nullhyp = \"qapspp\"): all ~ same:school + diff:hire_date\n")
se <- sqrt(diag(chol2inv(m$qr$qr)) * sum(m$residuals^2) / m$df.residual)
cat(sprintf("  %-15s %22s %22s %16s %16s %9s %9s\n", "term", "estimate staffnet", "estimate sna", "t staffnet", "t sna",
            "p staffnet", "p sna"))
for (i in 1:3)
  cat(sprintf("  %-15s %22.15g %22.15g %16.10g %16.10g %9.4f %9.4f\n", staffnet_terms$term[i], staffnet_terms$estimate[i],
              m$coefficients[i], staffnet_terms$t[i], m$tstat[i], staffnet_terms$p_two_sided[i], m$pgreqabs[i]))
mss <- sum((m$fitted.values - mean(m$fitted.values))^2); rss <- sum(m$residuals^2)
value <- function(name) as.numeric(staffnet_fit$value[staffnet_fit$measure == name])
cat(sprintf("  %-15s %22.15g %22.15g   (p: two-sided, >= |t|)\n", "R-squared", value("r_squared"), mss / (mss + rss)))

cat("\nTime (seconds; staffnet wall clock, sna wall clock and CPU)\n")
cat(sprintf("  %-16s %9s %12s %9s %9s %14s %17s\n", "", "staffnet", "staffnet 1t", "sna", "sna CPU",
            "sna/staffnet", "sna CPU/staffnet"))
row <- function(label, ours, ours1, theirs)
  cat(sprintf("  %-16s %9.2f %12.2f %9.1f %9.1f %13.0fx %16.0fx\n", label, ours, ours1, theirs[["elapsed"]], cpu(theirs),
              theirs[["elapsed"]] / ours, cpu(theirs) / ours))
row("QAP (2 tests)", seconds[1], seconds[3], qap_time)
row("MRQAP (3 terms)", seconds[2], seconds[4], mrqap_time)
