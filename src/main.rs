fn main() {
    std::process::exit(postlint::cli::main());
}
