# Writes a seeded random district of 500 people for benchmarks/qap/run.sh: people.csv (school,
# role, hire_date), ties.csv (shared_project and social ties, more likely within a school and
# between colleagues hired close together) and config.yaml. Both staffnet and R read these files.
#   Rscript make_data.R OUT_DIR [PEOPLE]
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- if (length(args) > 1) as.integer(args[2]) else 500
dir.create(out, showWarnings = FALSE, recursive = TRUE)
set.seed(20260101)
schools <- sprintf("S%02d", 1:25)
school <- sample(schools, n, replace = TRUE)
role <- ifelse(runif(n) < 0.08, "school_leader", "staff")
hire <- as.Date("1990-01-01") + sample(0:12500, n, replace = TRUE)
people <- data.frame(id = sprintf("P%04d", 1:n), name = sprintf("Person %d", 1:n), role = role,
                     school = school, hire_date = format(hire))
write.csv(people, file.path(out, "people.csv"), row.names = FALSE, quote = FALSE)

pairs <- which(upper.tri(matrix(0, n, n)), arr.ind = TRUE)
i <- pairs[, 1]; j <- pairs[, 2]
same <- school[i] == school[j]
years <- abs(as.numeric(hire[i] - hire[j])) / 365.25
project <- runif(nrow(pairs)) < plogis(-4.2 + 2.5 * same - 0.003 * years)
social <- runif(nrow(pairs)) < plogis(-4.6 + 1.5 * same - 0.003 * years + 1.5 * project)
ties <- rbind(data.frame(source = people$id[i[project]], target = people$id[j[project]], type = "shared_project"),
              data.frame(source = people$id[i[social]], target = people$id[j[social]], type = "social"))
write.csv(ties, file.path(out, "ties.csv"), row.names = FALSE, quote = FALSE)
writeLines(c("data:", "  people: people.csv", "  ties: ties.csv", "network:", "  directed: false", "seed: 42"),
           file.path(out, "config.yaml"))
cat(sprintf("wrote %s: %d people, %d shared_project and %d social ties\n", out, n, sum(project), sum(social)))
