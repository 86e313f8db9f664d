// People names: a mixed, international pool. A few carry accents and apostrophes on purpose, because
// real lead lists do and they exercise CSV quoting, email local parts and HTML escaping.

/** Comma-separated word list → array (keeps the pools compact and readable). */
export function list(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export const FIRST_NAMES = list(`
  James, Mary, John, Patricia, Robert, Jennifer, Michael, Linda, David, Elizabeth,
  William, Barbara, Richard, Susan, Joseph, Jessica, Thomas, Sarah, Daniel, Karen,
  Matthew, Nancy, Anthony, Lisa, Mark, Emily, Steven, Michelle, Andrew, Laura,
  Kevin, Rachel, Brian, Megan, Ryan, Hannah, Jason, Olivia, Eric, Sophie,
  Lukas, Anna, Felix, Lena, Jonas, Marie, Pierre, Camille, Luca, Giulia,
  Carlos, Lucía, José, Ana, Pedro, Beatriz, Raj, Priya, Arjun, Ananya,
  Wei, Mei, Hiroshi, Yuki, Min-jun, Ji-woo, Liam, Chloé, Noah, Zoë,
  Sean, Aoife, Siobhan, Oliver, Amelia, Jack, Isla, Lars, Ingrid, Sven,
  Fatima, Omar, Amir, Leila, Kwame, Amara, Tomasz, Zofia, Dmitri, Elena`);

export const LAST_NAMES = list(`
  Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez,
  Hernandez, Lopez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Martin, Lee,
  Thompson, White, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, King,
  Wright, Scott, Green, Baker, Adams, Nelson, Hill, Campbell, Mitchell, Roberts,
  Müller, Schmidt, Schneider, Fischer, Weber, Dubois, Lefèvre, Moreau, Rossi, Bianchi,
  Silva, Santos, Oliveira, Fernández, González, Patel, Sharma, Gupta, Singh, Iyer,
  Chen, Wang, Li, Zhang, Tanaka, Suzuki, Kim, Park, Nguyen, Tran,
  O'Brien, O'Connor, Murphy, Kelly, Byrne, Walsh, Andersson, Johansson, Nielsen, Larsen,
  Kowalski, Nowak, Ivanova, Petrov, Haddad, Khan, Mensah, Okafor, van der Berg, de Vries`);

/** Lower-case ASCII for an email local part or a domain: "Zoë O'Brien" → "zoeobrien". */
export function asciiSlug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}
