#!/usr/bin/Rscript
# Gould-Fernandez brokerage reference values from R's sna package (sna::brokerage), one file per
# network layer and grouping. Run from anywhere (R 4.x, Debian's r-cran-sna 2.7):
#     Rscript tests/reference/make_brokerage.R [--data DIR] [--out DIR]
# Writes <dataset>/brokerage_<relation>_<attribute>.csv (id + the five staffnet brokerage columns)
# and brokerage_networks.csv (the list of networks, read by brokerage_reference_test.cpp).
# See README.md here, section "Brokerage (R sna)".
suppressPackageStartupMessages(library(sna))

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", args, value = TRUE))))
option <- function(flag, fallback) {
    k <- match(flag, args)
    if (is.na(k)) fallback else args[k + 1]
}
data_dir <- option("--data", file.path(here, "..", "..", "..", "shared", "data"))
out_dir <- option("--out", here)

# One network per relation (tie type), never types combined. Directed relations are used as given
# (source -> target); relations the dataset README calls undirected are made symmetric, i.e. each
# tie is an arc both ways. Grouping attribute per dataset; "school" where people.csv has no such
# column means everyone is in one group (staffnet's default attribute on these research data).
networks <- read.table(header = TRUE, stringsAsFactors = FALSE, text = "
dataset             relation           directed attribute
bankwiring_room     help               TRUE     role
bankwiring_room     trade_jobs         TRUE     role
bankwiring_room     games              FALSE    role
bankwiring_room     conflict           FALSE    role
bankwiring_room     friendship         FALSE    role
bankwiring_room     antagonistic       FALSE    role
freeman_eies        acquaintance_t1    TRUE     discipline
freeman_eies        acquaintance_t2    TRUE     discipline
freeman_eies        messages           TRUE     discipline
kapferer_tailorshop instrumental_t1    TRUE     school
kapferer_tailorshop instrumental_t2    TRUE     school
kapferer_tailorshop sociational_t1     FALSE    school
kapferer_tailorshop sociational_t2     FALSE    school
krackhardt_hightech advice             TRUE     department
krackhardt_hightech friendship         TRUE     department
krackhardt_hightech reports_to         TRUE     department
lazega_lawfirm      advice             TRUE     office
lazega_lawfirm      friendship         TRUE     office
lazega_lawfirm      cowork             TRUE     office
padgett_florentine  marriage           FALSE    school
padgett_florentine  business           FALSE    school
sampson_monastery   like_t1            TRUE     group
sampson_monastery   like_t2            TRUE     group
sampson_monastery   like_t3            TRUE     group
sampson_monastery   dislike            TRUE     group
sampson_monastery   esteem             TRUE     group
sampson_monastery   disesteem          TRUE     group
sampson_monastery   positive_influence TRUE     group
sampson_monastery   negative_influence TRUE     group
sampson_monastery   praise             TRUE     group
sampson_monastery   blame              TRUE     group
zachary_karate      interaction        FALSE    club
")

# sna's raw.nli columns under staffnet's metric names.
roles <- c(brokerage_coordinator = "w_I", brokerage_itinerant = "w_O", brokerage_representative = "b_IO",
           brokerage_gatekeeper = "b_OI", brokerage_liaison = "b_O")

read_table <- function(path) {
    read.csv(path, colClasses = "character", na.strings = character(0), check.names = FALSE)
}

# The binary adjacency matrix of one relation: any weight > 0 is a tie, self-ties dropped.
adjacency <- function(people, ties, relation, directed) {
    n <- nrow(people)
    t <- ties[ties$type == relation & ties$source != ties$target, ]
    stopifnot(nrow(t) > 0, all(as.numeric(t$weight) > 0))
    s <- match(t$source, people$id)
    d <- match(t$target, people$id)
    stopifnot(!anyNA(s), !anyNA(d))
    a <- matrix(0, n, n)
    a[cbind(s, d)] <- 1
    if (!directed) a[cbind(d, s)] <- 1
    a
}

# Independent count of open two-paths x -> b -> y (x != y, no arc x -> y) through each b.
open_two_paths <- function(a) {
    sapply(seq_len(nrow(a)), function(b) {
        ins <- which(a[, b] == 1)
        outs <- which(a[b, ] == 1)
        sum(outer(ins, outs, "!=") & a[ins, outs, drop = FALSE] == 0)
    })
}

index <- data.frame()
for (k in seq_len(nrow(networks))) {
    net <- networks[k, ]
    people <- read_table(file.path(data_dir, net$dataset, "people.csv"))
    ties <- read_table(file.path(data_dir, net$dataset, "ties.csv"))
    a <- adjacency(people, ties, net$relation, net$directed)
    groups <- if (net$attribute %in% names(people)) {
        people[[net$attribute]]
    } else {
        stopifnot(net$attribute == "school")
        rep("", nrow(people))
    }
    br <- suppressWarnings(brokerage(a, groups))$raw.nli  # z-scores of a single group are NaN
    stopifnot(br[, "t"] == open_two_paths(a))  # every open two-path gets exactly one role
    values <- data.frame(id = people$id, br[, roles, drop = FALSE], check.names = FALSE)
    names(values) <- c("id", names(roles))
    file <- sprintf("brokerage_%s_%s.csv", net$relation, net$attribute)
    dir.create(file.path(out_dir, net$dataset), showWarnings = FALSE, recursive = TRUE)
    write.csv(values, file.path(out_dir, net$dataset, file), row.names = FALSE, quote = FALSE)
    index <- rbind(index, data.frame(net, people = nrow(people), arcs = sum(a), groups = length(unique(groups)),
                                     open_two_paths = sum(br[, "t"]), file = file.path(net$dataset, file)))
    cat(sprintf("%-20s %-19s %-5s %-10s %3d people %5d arcs %d groups %6d open two-paths\n", net$dataset,
                net$relation, net$directed, net$attribute, nrow(people), sum(a), length(unique(groups)),
                sum(br[, "t"])))
}
write.csv(index, file.path(out_dir, "brokerage_networks.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("%d networks, %d people, %d values (sna %s)\n", nrow(index), sum(index$people),
            5 * sum(index$people), packageVersion("sna")))
